import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './ports';
import { findOrInstallTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-dev-server';

export interface ThrowawayServers {
  /** Superuser URL of the `postgres` database. */
  adminUrl: string;
  temporalAddress: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * A real Postgres and a real Temporal dev server (in memory, no UI) on free ports, with their files
 * under a fresh temporary folder: for test runs and benchmarks. An existing server is used instead
 * when TEST_DATABASE_ADMIN_URL or TEST_TEMPORAL_ADDRESS is set.
 */
export async function startThrowawayServers(
  log: (line: string) => void = () => undefined,
): Promise<ThrowawayServers> {
  // Under the system temp folder: the postgres user must reach it when run as root.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-servers-'));
  fs.chmodSync(dir, 0o755);
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) await s().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
    if (!adminUrl) {
      const pgLog = fs.createWriteStream(path.join(dir, 'postgres.log'));
      const postgres = await startEmbeddedPostgres(
        path.join(dir, 'postgres'),
        await freePort(),
        (l) => pgLog.write(`${l}\n`),
        'postgres',
      );
      stoppers.push(() => postgres.stop());
      adminUrl = postgres.url;
    }
    let temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      const port = await freePort();
      const server = await startTemporalDevServer({
        cliPath: findOrInstallTemporalCli(process.env.TEMPORAL_CLI_PATH, log),
        port,
        uiPort: await freePort(),
        namespace: 'default',
        ui: false,
        logDir: dir,
        name: 'temporal-throwaway',
      });
      stoppers.push(() => server.stop());
      temporalAddress = `127.0.0.1:${port}`;
    }
    return { adminUrl, temporalAddress, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
