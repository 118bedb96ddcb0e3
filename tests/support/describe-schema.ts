import pg from 'pg';

/**
 * A database's shape as comparable lines: enums, columns (type, nullability, default), constraints
 * and indexes of the public schema, sorted. Views are left out (only migrations define them).
 */
export async function describeSchema(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const enums = await client.query<{ line: string }>(`
      SELECT 'enum ' || t.typname || ' (' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) || ')' AS line
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`);
    const columns = await client.query<{ line: string }>(`
      SELECT 'column ' || c.table_name || '.' || c.column_name || ' ' || format_type(a.atttypid, a.atttypmod)
        || CASE WHEN c.is_nullable = 'NO' THEN ' not null' ELSE '' END
        || COALESCE(' default ' || c.column_default, '') AS line
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
        AND a.attname = c.column_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'`);
    const constraints = await client.query<{ line: string }>(`
      SELECT 'constraint ' || rel.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid) AS line
      FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace n ON n.oid = rel.relnamespace
      WHERE n.nspname = 'public' AND rel.relname <> '_prisma_migrations'`);
    const indexes = await client.query<{ line: string }>(`
      SELECT 'index ' || indexdef AS line FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    return [...enums.rows, ...columns.rows, ...constraints.rows, ...indexes.rows].map((r) => r.line).sort();
  } finally {
    await client.end();
  }
}
