import type { Connection } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../core/db/client';

/** One dependency the API reports on. A critical check that fails makes /health answer 503. */
export interface HealthCheck {
  name: string;
  critical: boolean;
  check(): Promise<Record<string, unknown>>;
}

export const healthResponseSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']),
    checks: z.record(
      z.string(),
      z
        .object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() })
        .catchall(z.unknown()),
    ),
  })
  .meta({ id: 'Health' });

const TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)),
        TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

export function databaseCheck(db: Database): HealthCheck {
  return {
    name: 'database',
    critical: true,
    check: async () => {
      await withTimeout(db.pool.query('SELECT 1'), 'Postgres');
      return {};
    },
  };
}

export function temporalCheck(connection: Connection, namespace: string): HealthCheck {
  return {
    name: 'temporal',
    critical: true,
    check: async () => {
      const info = await connection.withDeadline(Date.now() + TIMEOUT_MS, () =>
        connection.workflowService.getSystemInfo({}),
      );
      return { namespace, serverVersion: info.serverVersion };
    },
  };
}

export function healthRouter(checks: HealthCheck[]): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        const started = performance.now();
        try {
          const detail = await c.check();
          return [
            c.name,
            { ok: true, latencyMs: Math.round(performance.now() - started), ...detail },
          ] as const;
        } catch (error) {
          const latencyMs = Math.round(performance.now() - started);
          return [c.name, { ok: false, latencyMs, error: (error as Error).message }] as const;
        }
      }),
    );
    const failed = checks.filter((c, i) => !results[i]![1].ok);
    const status = failed.some((c) => c.critical) ? 'down' : failed.length > 0 ? 'degraded' : 'ok';
    res.status(status === 'down' ? 503 : 200).json({ status, checks: Object.fromEntries(results) });
  });
  return router;
}
