import crypto from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type Database } from '../../core/db/client';

const TEMPLATE_DATABASE = 'contrail_template';

export interface TestDatabase extends Database {
  url: string;
  name: string;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL;
  if (!url)
    throw new Error(
      'TEST_DATABASE_ADMIN_URL is not set: run the tests with `npm test` (jest global setup starts Postgres)',
    );
  return url;
}

export function databaseUrl(name: string): string {
  return adminUrl().replace(/\/[^/]*$/, `/${name}`);
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh database with every migration applied, cloned from the run's template. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `test_${crypto.randomBytes(6).toString('hex')}`;
  await admin((c) =>
    c.query(
      options.migrated === false
        ? `CREATE DATABASE ${name}`
        : `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`,
    ),
  );
  const url = databaseUrl(name);
  const database = connectDatabase(url, { applicationName: 'contrail-test' });
  return {
    ...database,
    url,
    name,
    async drop() {
      await database.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
