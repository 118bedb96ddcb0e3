import fs from 'node:fs';
import path from 'node:path';
import { connectDatabase } from '../../core/db/client';
import { activeSpec } from '../../core/feature-spec';
import { activeModel } from '../../core/model';
import type { DataPaths } from '../../core/paths';
import { preparedPaths } from '../data/prepare';
import { REPO_ROOT } from './node-child';
import { startProcess } from './processes';

/**
 * On a machine with no active model, trains one on the spec's default window and promotes it,
 * in a child process (`contrail train --promote --if-no-active`, logged to logs/train.log), so
 * predictions work after the first start without a manual step and `contrail up` stays responsive.
 */
export async function ensureFirstModel(options: {
  databaseUrl: string;
  paths: DataPaths;
  env: NodeJS.ProcessEnv;
  say: (message: string) => void;
  onLine: (line: string) => void;
  /** True once Contrail is stopping: then nothing is started. */
  stopping: () => boolean;
  /** Registers how to stop the training if Contrail stops first. */
  track: (stop: () => Promise<void>) => void;
}): Promise<void> {
  const { say, paths } = options;
  const db = connectDatabase(options.databaseUrl, { applicationName: 'contrail-up', max: 1 });
  const active = await activeModel(db.pool).finally(() => db.close());
  if (options.stopping()) return;
  if (active) return say(`serving model ${active.id}`);
  const data = preparedPaths(paths.datasets, activeSpec).canonical;
  if (!fs.existsSync(data)) {
    return say(
      'no active model and no training data: run `npx contrail data prepare` then `npx contrail train --promote`',
    );
  }
  const { from, to } = activeSpec.windows.train;
  say(
    `no active model yet: training one on ${from} to ${to} in the background and promoting it ` +
      `(a minute or two; progress in ${path.join(paths.logs, 'train.log')}). Until then POST /predict answers 503.`,
  );
  let promoted: string | undefined;
  const child = startProcess({
    name: 'train',
    command: process.execPath,
    args: [
      path.join(REPO_ROOT, 'bin/contrail.cjs'),
      'train',
      '--promote',
      '--if-no-active',
      '--actor',
      'contrail up (first start)',
    ],
    env: options.env,
    logDir: paths.logs,
    onLine: (line) => {
      promoted = /^active model: (\S+)/.exec(line)?.[1] ?? promoted;
      options.onLine(line);
    },
  });
  options.track(() => child.stop());
  const code = await child.exited;
  if (code === 0 && promoted) say(`model ${promoted} trained and promoted: predictions work now`);
  else if (code !== null)
    say(`training the first model failed (exit code ${code}); see ${path.join(paths.logs, 'train.log')}`);
}
