import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../core/temporal/search-attributes';
import { StopWaiting, waitFor } from './ports';
import { killLeftover, type ManagedProcess, startProcess } from './processes';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** SQLite file to persist to; in memory without one. */
  dbFile?: string;
  /** Serve the Web UI (off for tests). */
  ui: boolean;
  logDir: string;
  name?: string;
  onLine?: (line: string) => void;
}

/** Starts `temporal server start-dev` with Contrail's search attributes and waits until it answers. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<ManagedProcess> {
  const name = options.name ?? 'temporal';
  killLeftover(options.logDir, name, 'temporal');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([attr, type]) => ['--search-attribute', `${attr}=${type}`]),
    // A worker that completes a workflow task can take the activity it just scheduled at once.
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...(options.ui ? ['--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1'] : ['--headless']),
  ];
  const server = startProcess({
    name,
    command: options.cliPath,
    args,
    logDir: options.logDir,
    onLine: options.onLine,
  });
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  await waitFor(
    'the Temporal dev server',
    async () => {
      if (exitCode !== undefined)
        throw new StopWaiting(
          `the Temporal dev server exited (code ${exitCode}); see ${options.logDir}/${name}.log`,
        );
      return isTemporalReady(`127.0.0.1:${options.port}`, options.namespace);
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  ).catch(async (error) => {
    await server.stop();
    throw error;
  });
  return server;
}

/** True when the frontend answers and the namespace exists. */
export async function isTemporalReady(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    await connection.withDeadline(Date.now() + 2_000, () =>
      connection.workflowService.describeNamespace({ namespace }),
    );
    return true;
  } finally {
    await connection.close();
  }
}
