import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNodeChild } from '../../../cli/runtime/node-child';
import { freePort, StopWaiting, waitFor } from '../../../cli/runtime/ports';
import type { ManagedProcess } from '../../../cli/runtime/processes';
import { findOrInstallTemporalCli } from '../../../cli/runtime/temporal-cli';
import { startTemporalDevServer } from '../../../cli/runtime/temporal-dev-server';
import { migrate } from '../../../core/db/migrate';
import { type DataDisk, mountDataDisk } from './data-disk';

/**
 * The suite's own servers, which it stops and starts at will: an embedded Postgres and a Temporal
 * dev server persisting to a SQLite file (so a restart keeps schedules and running workflows), and
 * a data folder on a small file system of its own (see data-disk.ts).
 */
export interface FaultServers {
  databaseUrl: string;
  temporalAddress: string;
  disk: DataDisk;
  dir: string;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultServers(): Promise<FaultServers> {
  // Under the system temp folder: the postgres user must reach it when run as root.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-faults-'));
  fs.chmodSync(dir, 0o755);
  const pgPort = await freePort();
  const temporalPort = await freePort();
  const cliPath = findOrInstallTemporalCli(process.env.TEMPORAL_CLI_PATH, () => undefined);

  let postgres: ManagedProcess | undefined;
  let databaseUrl = '';
  let temporal: ManagedProcess | undefined;
  let disk: DataDisk | undefined;
  const startPostgres = async () => {
    let ready = '';
    const child = startNodeChild({
      name: 'postgres',
      entry: 'tests/faults/support/postgres-child.ts',
      env: { ...process.env, FAULTS_PG_DIR: path.join(dir, 'postgres'), FAULTS_PG_PORT: String(pgPort) },
      logDir: dir,
      onLine: (line) => {
        if (line.startsWith('ready ')) ready = line.slice('ready '.length);
      },
    });
    postgres = child;
    await waitFor(
      "the suite's Postgres",
      async () => {
        if (child.child.exitCode !== null) throw new StopWaiting(`Postgres exited; see ${dir}/postgres.log`);
        return ready !== '';
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    databaseUrl = ready;
  };
  const startTemporal = async () => {
    temporal = await startTemporalDevServer({
      cliPath,
      port: temporalPort,
      uiPort: await freePort(),
      namespace: 'default',
      dbFile: path.join(dir, 'temporal.sqlite'),
      ui: false,
      logDir: dir,
      name: 'temporal-faults',
    });
  };
  // SIGTERM to the child alone: it stops the cluster with a fast shutdown, then exits.
  const stopPostgres = async () => {
    if (!postgres) return;
    postgres.child.kill('SIGTERM');
    await postgres.exited;
    postgres = undefined;
  };
  const stopTemporal = async () => {
    await temporal?.stop();
    temporal = undefined;
  };
  const stop = async () => {
    await stopTemporal().catch(() => undefined);
    await stopPostgres().catch(() => undefined);
    await disk?.unmount().catch(() => undefined);
    if (!process.env.FAULTS_KEEP_LOGS) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await startPostgres();
    await migrate(databaseUrl);
    await startTemporal();
    disk = mountDataDisk(dir);
    return {
      databaseUrl,
      temporalAddress: `127.0.0.1:${temporalPort}`,
      disk,
      dir,
      startPostgres,
      stopPostgres,
      startTemporal,
      stopTemporal,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
