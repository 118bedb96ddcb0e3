import type { Client } from '@temporalio/client';
import { type Config, loadProcessConfig } from '../core/config';
import { connectDatabase, type Database } from '../core/db/client';
import { connectTemporal } from '../core/temporal/connect';

export interface Services {
  config: Config;
  db(): Database;
  temporal(): Promise<Client>;
}

/** Runs a command with lazily opened services (only what it uses is connected), closing them afterwards. */
export async function withServices<T>(run: (services: Services) => Promise<T>): Promise<T> {
  const config = loadProcessConfig();
  let db: Database | undefined;
  let temporal: Awaited<ReturnType<typeof connectTemporal>> | undefined;
  const services: Services = {
    config,
    db: () => (db ??= connectDatabase(config.databaseUrl, { applicationName: 'contrail-cli', max: 2 })),
    temporal: async () => (temporal ??= await connectTemporal(config)).client,
  };
  try {
    return await run(services);
  } finally {
    await Promise.allSettled([db?.close(), temporal?.connection.close()]);
  }
}
