/** Postgres error classes meaning "the server is not there right now" (57P0x: shutting down, starting up; 08: connection). */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
const MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (is )?closed/i,
  /server closed the connection/i,
  /Can't reach database server/i,
  /the database system is (starting up|shutting down)/i,
];

/**
 * Whether an error from pg or Prisma means the database cannot be reached (a restart, an outage),
 * as opposed to a query that failed: the first is worth waiting out, the second is a bug or bad data.
 * Looks through wrapped causes, since Prisma's driver adapter wraps pg's errors.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] };
    if (typeof e.code === 'string' && (SERVER_GONE.has(e.code) || NETWORK.has(e.code))) return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = e.cause;
  }
  return false;
}
