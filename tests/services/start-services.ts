/**
 * The real servers a test run needs, started once per run by jest's global setup: an embedded
 * Postgres with a migrated template database, and a Temporal dev server (in memory, no UI).
 * Prints one JSON line with their addresses when ready; stops both on SIGTERM or when jest goes away.
 */
import pg from 'pg';
import { createDatabaseIfMissing } from '../../cli/runtime/embedded-postgres';
import { startThrowawayServers } from '../../cli/runtime/throwaway-servers';
import { migrate } from '../../core/db/migrate';

const TEMPLATE_DATABASE = 'contrail_template';

/** A migrated template: each test file clones it (CREATE DATABASE … TEMPLATE) in milliseconds. */
async function createTemplate(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await client.end();
  await createDatabaseIfMissing(adminUrl, TEMPLATE_DATABASE);
  await migrate(adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE_DATABASE}`));
}

async function main(): Promise<void> {
  const servers = await startThrowawayServers((line) => process.stderr.write(`${line}\n`));
  const stop = () => void servers.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  await createTemplate(servers.adminUrl);
  const { adminUrl, temporalAddress, dir: root } = servers;
  process.stdout.write(`${JSON.stringify({ adminUrl, temporalAddress, root })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`test services failed to start: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
