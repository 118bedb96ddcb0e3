import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, StopWaiting, waitFor } from '../../cli/runtime/ports';
import { EMBEDDED_DATABASE } from '../../core/config';

const CLI = path.resolve(__dirname, '../../bin/contrail.cjs');

export interface RunningSystem {
  urls: { webapp: string; api: string; temporalUi: string };
  databaseUrl: string;
  dataDir: string;
  /** The API token the system runs with (the web app's server adds it; the browser never sees it). */
  token: string;
  /** The environment `contrail` commands need to reach this system (e.g. `contrail train`). */
  env: NodeJS.ProcessEnv;
  output(): string;
  /** Ctrl-C, then waits for every process to stop; removes the data folder. */
  stop(): Promise<void>;
}

/**
 * Starts the whole system the way `npm start` does (`contrail up`: embedded Postgres, Temporal dev
 * server, worker, API, web app) on free ports with a throwaway data folder, and waits until it
 * says it is up. Start it once per test file: it takes tens of seconds.
 */
export async function startRunningSystem(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-system-'));
  // Run as root, the embedded Postgres runs as `postgres`, which must reach the folder.
  fs.chmodSync(dataDir, 0o755);
  const ports = {
    EMBEDDED_POSTGRES_PORT: await freePort(),
    TEMPORAL_DEV_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
    API_PORT: await freePort(),
    WEBAPP_PORT: await freePort(),
  };
  const token = `test-token-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTRAIL_DATA_DIR: dataDir,
    CONTRAIL_DEMO_DATA: 'false',
    CONTRAIL_API_TOKEN: token,
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    LOG_LEVEL: 'info',
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    ...extraEnv,
  };
  // Addresses derived from the ports above, not inherited from whoever runs the tests.
  for (const name of ['CONTRAIL_API_URL', 'CONTRAIL_WEBAPP_URL', 'TEMPORAL_UI_URL']) delete env[name];
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [CLI, 'up'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'contrail up to say it is up',
      async () => {
        if (child.exitCode !== null) throw new StopWaiting(`contrail up exited (${child.exitCode})`);
        return output.includes('Contrail is up.');
      },
      { timeoutMs: 240_000, intervalMs: 250 },
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; its output:\n${output}`);
  }
  const db = EMBEDDED_DATABASE;
  return {
    urls: {
      webapp: `http://127.0.0.1:${ports.WEBAPP_PORT}`,
      api: `http://127.0.0.1:${ports.API_PORT}`,
      temporalUi: `http://localhost:${ports.TEMPORAL_UI_PORT}`,
    },
    databaseUrl: `postgresql://${db.user}:${db.password}@127.0.0.1:${ports.EMBEDDED_POSTGRES_PORT}/${db.database}`,
    dataDir,
    token,
    env,
    output: () => output,
    stop,
  };
}
