import crypto from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createDatabaseIfMissing } from '../../cli/runtime/embedded-postgres';
import { startThrowawayServers, type ThrowawayServers } from '../../cli/runtime/throwaway-servers';
import { connectDatabase, type Database } from '../../core/db/client';
import { migrate } from '../../core/db/migrate';

export interface BenchServers extends ThrowawayServers {
  databaseUrl: string;
  db: Database;
}

/** Real servers for a benchmark: a throwaway Postgres with a migrated database, and Temporal. */
export async function startBenchServers(): Promise<BenchServers> {
  const servers = await startThrowawayServers((line) => console.error(line));
  const name = `bench_${crypto.randomBytes(4).toString('hex')}`;
  await createDatabaseIfMissing(servers.adminUrl, name);
  const databaseUrl = servers.adminUrl.replace(/\/[^/]*$/, `/${name}`);
  await migrate(databaseUrl);
  const db = connectDatabase(databaseUrl, { applicationName: 'contrail-bench' });
  return {
    ...servers,
    databaseUrl,
    db,
    async stop() {
      await db.close();
      await servers.stop();
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface BenchWorker {
  client: Client;
  stop(): Promise<void>;
}

/** A worker on task queue `bench` running the real workflows with `activities`, and a client for it. */
export async function startBenchWorker(
  servers: BenchServers,
  activities: Record<string, unknown>,
): Promise<BenchWorker> {
  const nativeConnection = await NativeConnection.connect({ address: servers.temporalAddress });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue: 'bench',
    workflowsPath: require.resolve('../../workflows'),
    activities,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: servers.temporalAddress });
  return {
    client: new Client({ connection }),
    async stop() {
      worker.shutdown();
      await running;
      await Promise.all([nativeConnection.close(), connection.close()]);
    },
  };
}
