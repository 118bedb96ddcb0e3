import os from 'node:os';
import type { Command } from 'commander';
import { loadProcessConfig } from '../../core/config';
import { connectDatabase } from '../../core/db/client';
import { activeSpec } from '../../core/feature-spec';
import { activeModel, promoteModel, RegistryError, registerModel, trainModel } from '../../core/model';
import { dataPaths } from '../../core/paths';
import { preparedPaths } from '../data/prepare';
import { parseWindowDate } from '../model/dates';
import { metricsTable } from '../model/metrics-table';
import { trainProgress } from '../model/train-progress';

interface TrainCommandOptions {
  from?: string;
  to?: string;
  validateFrom?: string;
  validateTo?: string;
  data?: string;
  promote?: boolean;
  ifNoActive?: boolean;
  actor?: string;
}

export const cliActor = (what: string) => `${what} (${os.userInfo().username}@${os.hostname()})`;

export function registerTrainCommand(program: Command): void {
  const { train, validate } = activeSpec.windows;
  program
    .command('train')
    .description(
      'train a delay model, score it against the baselines, and register it (optionally promote it)',
    )
    .option('--from <date>', `start of the training window (default ${train.from})`, parseWindowDate)
    .option('--to <date>', `end of the training window, exclusive (default ${train.to})`, parseWindowDate)
    .option(
      '--validate-from <date>',
      `start of the validation window (default ${validate.from}, or --to)`,
      parseWindowDate,
    )
    .option(
      '--validate-to <date>',
      'end of the validation window (default: as long as the spec’s)',
      parseWindowDate,
    )
    .option('--data <csv>', 'labelled CSV holding both windows (default: <data dir>/datasets/<spec>.csv)')
    .option('--promote', 'make the model active if it beats the better baseline')
    .option('--if-no-active', 'do nothing when a model is already active (used by `contrail up`)')
    .option('--actor <name>', 'who or what promotes, recorded in the registry')
    .action(async (options: TrainCommandOptions) => {
      const config = loadProcessConfig();
      const paths = dataPaths(config.dataDir);
      const db = connectDatabase(config.databaseUrl, { applicationName: 'contrail-train', max: 2 });
      try {
        await db.pool.query('SELECT 1').catch((error: Error) => {
          throw new RegistryError(
            `cannot reach the database to register the model (${error.message}): start Contrail or set DATABASE_URL`,
          );
        });
        const active = await activeModel(db.pool);
        if (options.ifNoActive && active) {
          console.log(`active model: ${active.id} (already active; nothing trained)`);
          return;
        }
        const from = options.from ?? train.from;
        const to = options.to ?? train.to;
        const custom = options.from !== undefined || options.to !== undefined;
        const progress = trainProgress();
        const { artifact, file } = await trainModel({
          spec: activeSpec,
          dataFile: options.data ?? preparedPaths(paths.datasets, activeSpec).canonical,
          modelsDir: paths.models,
          ...(custom ? { trainWindow: { from, to } } : {}),
          ...(options.validateFrom || options.validateTo
            ? {
                validationWindow: { from: options.validateFrom ?? to, to: options.validateTo ?? validate.to },
              }
            : {}),
          onProgress: progress.onEvent,
        });
        progress.done();
        console.log(metricsTable(artifact, activeSpec.label.unit));
        await registerModel(db.pool, artifact, file);
        console.log(`\nregistered ${artifact.id} (artifact ${file})`);
        if (!options.promote) return;
        if (artifact.metrics.maeGainOverBaseline <= 0) {
          process.exitCode = 1;
          console.error('not promoted: the model does not beat the better baseline');
          return;
        }
        const actor = options.actor ?? cliActor('contrail train --promote');
        const { replaced } = await promoteModel(db.pool, artifact.id, actor, 'trained and promoted');
        console.log(`active model: ${artifact.id}${replaced ? ` (replaces ${replaced})` : ''}`);
      } finally {
        await db.close();
      }
    });
}
