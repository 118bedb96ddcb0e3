import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';

export type Db = InstanceType<typeof PrismaClient>;
export { Prisma } from './generated/client';
export type * from './generated/client';

/**
 * One Postgres pool per process, shared by Prisma (through the pg adapter) and by the code that
 * needs the raw driver (COPY streams, monitoring views). Both see the same connection limits.
 */
export interface Database {
  prisma: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface PoolOptions {
  max?: number;
  applicationName?: string;
  /** false: this pool's commits return before their WAL reaches the disk (synchronous_commit off). */
  synchronousCommit?: boolean;
  /** Postgres cancels any statement of this pool running longer (statement_timeout); 0 or unset: never. */
  statementTimeoutMs?: number;
}

/** A pg pool that survives its server restarting (an idle client's error is not a crash). */
export function createPool(databaseUrl: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'contrail',
    connectionTimeoutMillis: 5_000,
    ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  pool.on('error', () => undefined);
  return pool;
}

export function connectDatabase(databaseUrl: string, options: PoolOptions = {}): Database {
  const pool = createPool(databaseUrl, options);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
