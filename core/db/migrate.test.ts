import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { migrate, MigrationError, MIGRATIONS_DIR, readMigrations } from './migrate';

describe('migrate', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterEach(() => db.drop());

  async function recorded(): Promise<
    { migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }[]
  > {
    const { rows } = await db.pool.query('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    return rows;
  }

  it('applies every migration to an empty database, then again without error or change', async () => {
    const all = readMigrations().map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);

    expect(await migrate(db.url)).toEqual({ applied: all, alreadyApplied: [] });
    expect(await migrate(db.url)).toEqual({ applied: [], alreadyApplied: all });
    const rows = await recorded();
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
  });

  it('records the sha256 checksum of each migration.sql, as prisma migrate deploy does', async () => {
    await migrate(db.url);
    const [first] = await recorded();
    const [migration] = readMigrations();
    expect(first!.checksum).toBe(migration!.checksum);
    expect(first!.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a migration that was changed after it was applied', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-migrations-'));
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(db.url, dir);
    const [first] = readMigrations(dir);
    fs.appendFileSync(path.join(dir, first!.name, 'migration.sql'), '\n-- edited\n');
    await expect(migrate(db.url, dir)).rejects.toThrow(
      new MigrationError(`Migration ${first!.name} was modified after it was applied.`),
    );
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-migrations-'));
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, '99999999999999_broken'));
    fs.writeFileSync(
      path.join(dir, '99999999999999_broken', 'migration.sql'),
      'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n',
    );
    await expect(migrate(db.url, dir)).rejects.toThrow(
      /Migration 99999999999999_broken failed: relation "no_such_table" does not exist/,
    );
    const { rowCount } = await db.pool.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`);
    expect(rowCount).toBe(0);
    expect((await recorded()).map((r) => r.migration_name)).not.toContain('99999999999999_broken');
  });

  it('lets two migrators race without applying anything twice', async () => {
    const [a, b] = await Promise.all([migrate(db.url), migrate(db.url)]);
    expect(a.applied.length + b.applied.length).toBe(readMigrations().length);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    await client.end();
    expect(rows[0].n).toBe(readMigrations().length);
  });
});
