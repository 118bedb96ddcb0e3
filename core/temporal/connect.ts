import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Config } from '../config';
import { SEARCH_ATTRIBUTES } from './search-attributes';

/**
 * Where and how every Temporal connection of Contrail connects (client, lazy client, worker's
 * native connection): one place, so TLS and API keys apply to all of them alike.
 */
export function temporalConnectionOptions(config: Config): {
  address: string;
  tls?: NonNullable<Config['temporal']['tls']>;
  apiKey?: string;
} {
  const { address, tls, apiKey } = config.temporal;
  return { address, ...(tls === undefined ? {} : { tls }), ...(apiKey ? { apiKey } : {}) };
}

export async function connectTemporal(config: Config): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({
    ...temporalConnectionOptions(config),
    connectTimeout: 10_000,
  });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  return { client, connection };
}

const { IndexedValueType } = temporal.api.enums.v1;
const INDEXED_TYPE = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
} as const;

/** Registers Contrail's search attributes on a server that lacks them (idempotent). */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.entries(SEARCH_ATTRIBUTES).filter(
    ([name]) => !(name in (existing.customAttributes ?? {})),
  );
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, INDEXED_TYPE[type]])),
  });
  return missing.map(([name]) => name);
}
