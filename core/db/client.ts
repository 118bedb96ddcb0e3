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

export function connectDatabase(
  databaseUrl: string,
  options: { max?: number; applicationName?: string } = {},
): Database {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'contrail',
    connectionTimeoutMillis: 5_000,
  });
  // An idle client that loses its server (a Postgres restart) must not crash the process.
  pool.on('error', () => undefined);
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
