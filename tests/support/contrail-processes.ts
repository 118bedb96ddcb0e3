import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNodeChild } from '../../cli/runtime/node-child';
import { freePort, StopWaiting, waitFor } from '../../cli/runtime/ports';
import type { ManagedProcess } from '../../cli/runtime/processes';
import { temporalAddress } from './temporal';

/** A real API or worker process (the production entry points), which a test can SIGKILL and restart. */
export interface ContrailProcess {
  process: ManagedProcess;
  logDir: string;
  kill(): Promise<void>;
  /** Sends a signal to the whole process group (SIGSTOP freezes it mid-task, SIGCONT resumes it). */
  signal(signal: NodeJS.Signals): void;
}

function launch(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
): ContrailProcess {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `contrail-${name}-logs-`));
  const child = startNodeChild({
    name,
    entry,
    env: { ...process.env, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS ?? temporalAddress(), ...env },
    logDir,
    ...(onLine ? { onLine } : {}),
  });
  return {
    process: child,
    logDir,
    async kill() {
      if (child.child.exitCode !== null || child.child.signalCode !== null) return;
      process.kill(-child.child.pid!, 'SIGKILL');
      await child.exited;
    },
    signal(signal) {
      process.kill(-child.child.pid!, signal);
    },
  };
}

function assertAlive(started: ContrailProcess, what: string): void {
  const { child } = started.process;
  if (child.exitCode !== null) throw new StopWaiting(`${what} exited; see ${started.logDir}`);
}

/** `api/main.ts` on a port of its own (or the given one, to restart it in place); resolves once /health answers. */
export async function startApiProcess(
  env: NodeJS.ProcessEnv,
  port?: number,
): Promise<ContrailProcess & { url: string; port: number }> {
  const apiPort = port ?? (await freePort());
  const api = launch('api', 'api/main.ts', { LOG_LEVEL: 'warn', API_PORT: String(apiPort), ...env });
  const url = `http://127.0.0.1:${apiPort}`;
  await waitFor(
    'the API process',
    async () => {
      assertAlive(api, 'the API');
      return (await fetch(`${url}/health`)).status < 500;
    },
    { timeoutMs: 60_000 },
  );
  return { ...api, url, port: apiPort };
}

/** `worker/main.ts` (schedules left alone); resolves once it polls its task queue. */
export async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<ContrailProcess> {
  let polling = false;
  const worker = launch(
    'worker',
    'worker/main.ts',
    { LOG_LEVEL: 'info', CONTRAIL_MANAGE_SCHEDULES: 'false', ...env },
    (line) => {
      polling ||= line.includes('polling task queue');
    },
  );
  await waitFor(
    'the worker process',
    async () => {
      assertAlive(worker, 'the worker');
      return polling;
    },
    { timeoutMs: 90_000 },
  );
  return worker;
}
