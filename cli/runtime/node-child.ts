import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ManagedProcess, startProcess } from './processes';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** Runs one of Contrail's TypeScript entry points (e.g. `api/main.ts`) as a Node child through tsx. */
export function startNodeChild(options: {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  onLine?: (line: string) => void;
}): ManagedProcess {
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  return startProcess({
    name: options.name,
    command: process.execPath,
    args: ['--enable-source-maps', '--import', tsx, path.join(REPO_ROOT, options.entry)],
    env: options.env,
    logDir: options.logDir,
    ipc: true,
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
}
