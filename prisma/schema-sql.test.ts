import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { describeSchema } from '../tests/support/describe-schema';
import { schemaToSql } from './schema-sql';

/**
 * Migrations are written by hand here (the Prisma CLI's engine cannot be downloaded), so this guards
 * them: the database the migrations build must match, line for line, the one Prisma's own engine
 * builds from schema.prisma. Objects Prisma's schema cannot express are listed and explained.
 */
const MIGRATION_ONLY = [
  // At most one active model: a partial unique index.
  "index CREATE UNIQUE INDEX models_one_active_key ON public.models USING btree (status) WHERE (status = 'active'::model_status)",
  // Web-app predictions alone are paged by their own index; scheduled ones (the COPY bulk) pay for none.
  "index CREATE INDEX predictions_webapp_created_at_id_idx ON public.predictions USING btree (created_at DESC, id DESC) WHERE (source = 'webapp'::prediction_source)",
];

describe('the migrations and schema.prisma', () => {
  let fromMigrations: TestDatabase;
  let fromSchema: TestDatabase;
  beforeAll(async () => {
    fromMigrations = await createTestDatabase();
    fromSchema = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await fromMigrations.drop();
    await fromSchema.drop();
  });

  it('build the same tables, columns, types, defaults, constraints and indexes', async () => {
    const sql = await schemaToSql(fromSchema.url);
    expect(sql).toContain('CREATE TABLE');
    await fromSchema.pool.query(sql);

    const migrated = (await describeSchema(fromMigrations.url)).filter(
      (line) => !MIGRATION_ONLY.includes(line),
    );
    expect(migrated).toEqual(await describeSchema(fromSchema.url));
  });

  it('lists only migration-only objects that really exist', async () => {
    const migrated = await describeSchema(fromMigrations.url);
    for (const line of MIGRATION_ONLY) expect(migrated).toContain(line);
  });
});
