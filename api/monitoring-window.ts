import { z } from 'zod';
import { ApiError } from './errors';

/** The windows the dashboards offer, and the step of their time series. */
export const WINDOWS = {
  '10m': { spanMs: 10 * 60_000, stepMs: 60_000 },
  '1h': { spanMs: 60 * 60_000, stepMs: 5 * 60_000 },
  '24h': { spanMs: 24 * 60 * 60_000, stepMs: 60 * 60_000 },
} as const;

const STEPS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 6 * 60 * 60_000, 24 * 60 * 60_000];
const MAX_SPAN_MS = 400 * 24 * 60 * 60_000;
const MAX_STEPS = 60;

/** An ISO date-time (with or without offset; without one is UTC) or a date (midnight UTC). */
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true, local: true })])
  .transform(
    (text) =>
      new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) || /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`),
  );

export const monitoringQuerySchema = z.strictObject({
  window: z
    .enum(Object.keys(WINDOWS) as [keyof typeof WINDOWS, ...(keyof typeof WINDOWS)[]])
    .optional()
    .describe('the last 10 minutes, hour or 24 hours up to now (default 1h); or give from and to'),
  from: instant.optional().describe('start of a custom window (inclusive); needs to'),
  to: instant.optional().describe('end of a custom window (exclusive); needs from'),
});

export const windowSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    stepSeconds: z.number().int().describe('width of each time-series bucket; buckets start at from'),
  })
  .meta({ id: 'MonitoringWindow' });

export interface MonitoringWindow {
  from: Date;
  to: Date;
  stepMs: number;
}

/** The window a query asks for: a named one ending now, or from/to with a step of at most 60 buckets. */
export function resolveWindow(query: unknown, now = new Date()): MonitoringWindow {
  const parsed = monitoringQuerySchema.safeParse(query);
  if (!parsed.success)
    throw new ApiError(
      400,
      'invalid_query',
      'the query does not match the monitoring parameters',
      parsed.error.issues,
    );
  const { window, from, to } = parsed.data;
  if (window && (from || to))
    throw new ApiError(400, 'invalid_query', 'give either window or from and to, not both');
  if (!from !== !to) throw new ApiError(400, 'invalid_query', 'a custom window needs both from and to');
  if (from && to) {
    const span = to.getTime() - from.getTime();
    if (!(span > 0)) throw new ApiError(400, 'invalid_query', 'from must be before to');
    if (span > MAX_SPAN_MS)
      throw new ApiError(400, 'invalid_query', 'a custom window spans at most 400 days');
    const stepMs =
      STEPS_MS.find((s) => span / s <= MAX_STEPS) ?? Math.ceil(span / MAX_STEPS / 86_400_000) * 86_400_000;
    return { from, to, stepMs };
  }
  const { spanMs, stepMs } = WINDOWS[window ?? '1h'];
  return { from: new Date(now.getTime() - spanMs), to: now, stepMs };
}

export const windowJson = (w: MonitoringWindow) => ({
  from: w.from.toISOString(),
  to: w.to.toISOString(),
  stepSeconds: w.stepMs / 1000,
});

/** A Postgres interval literal for a step. */
export const stepInterval = (w: MonitoringWindow) => `${w.stepMs / 1000} seconds`;

/** Postgres bigint and numeric come back as text: numbers for the JSON (counts stay far below 2^53). */
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
