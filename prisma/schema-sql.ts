import fs from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * The SQL Prisma itself would write to create `schema.prisma` from nothing, produced offline by
 * Prisma's WebAssembly schema engine (the CLI's native engine cannot be downloaded here). Used to
 * check hand-written migrations against the schema, and by `contrail db schema-sql` when writing one.
 */
export const SCHEMA_FILE = path.resolve(__dirname, 'schema.prisma');

interface WasmSchemaEngine {
  diff(params: unknown): Promise<{ stdout: string | null }>;
}

async function loadEngine(schema: string, databaseUrl: string): Promise<WasmSchemaEngine> {
  // The package imports its .wasm as a module (a bundler convention); Node needs it instantiated by hand.
  const bindingsFile = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindings = require(bindingsFile);
  const wasmFile = path.join(path.dirname(bindingsFile), 'schema_engine_bg.wasm');
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmFile), {
    './schema_engine_bg.js': bindings,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  return bindings.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => undefined, adapter);
}

/** `databaseUrl` is any reachable Postgres: the engine connects to learn the server, and changes nothing. */
export async function schemaToSql(databaseUrl: string, schemaFile = SCHEMA_FILE): Promise<string> {
  const content = fs.readFileSync(schemaFile, 'utf8');
  const engine = await loadEngine(content, databaseUrl);
  const result = await engine.diff({
    from: { tag: 'empty' },
    to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? '';
}
