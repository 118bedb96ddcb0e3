/**
 * The real servers a test run needs, started once per run by jest's global setup: an embedded
 * Postgres with a migrated template database, and a Temporal dev server (in memory, no UI).
 * Prints one JSON line with their addresses when ready; stops both on SIGTERM or when jest goes away.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../../core/db/migrate';
import { createDatabaseIfMissing, startEmbeddedPostgres } from '../../cli/runtime/embedded-postgres';
import { freePort } from '../../cli/runtime/ports';
import { findOrInstallTemporalCli } from '../../cli/runtime/temporal-cli';
import { startTemporalDevServer } from '../../cli/runtime/temporal-dev-server';

export const TEMPLATE_DATABASE = 'contrail_template';

async function main(): Promise<void> {
  // Under /tmp, not the repo: the postgres user must reach it when tests run as root.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-test-'));
  fs.chmodSync(root, 0o755);
  const log = fs.createWriteStream(path.join(root, 'postgres.log'));
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) await s().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  process.once('disconnect', () => void stop());

  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    const postgres = await startEmbeddedPostgres(
      path.join(root, 'postgres'),
      await freePort(),
      (l) => log.write(`${l}\n`),
      'postgres',
    );
    stoppers.push(() => postgres.stop());
    adminUrl = postgres.url;
  }
  await createTemplate(adminUrl);

  let temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const port = await freePort();
    const server = await startTemporalDevServer({
      cliPath: findOrInstallTemporalCli(process.env.TEMPORAL_CLI_PATH, (l) => process.stderr.write(`${l}\n`)),
      port,
      uiPort: await freePort(),
      namespace: 'default',
      ui: false,
      logDir: root,
      name: 'temporal-test',
    });
    stoppers.push(() => server.stop());
    temporalAddress = `127.0.0.1:${port}`;
  }
  process.stdout.write(`${JSON.stringify({ adminUrl, temporalAddress, root })}\n`);
}

/** A migrated template: each test file clones it (CREATE DATABASE … TEMPLATE) in milliseconds. */
async function createTemplate(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await client.end();
  await createDatabaseIfMissing(adminUrl, TEMPLATE_DATABASE);
  await migrate(adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE_DATABASE}`));
}

main().catch((error: unknown) => {
  process.stderr.write(`test services failed to start: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
