import type pg from 'pg';
import { z } from 'zod';
import {
  type MonitoringWindow,
  num,
  numOrNull,
  stepInterval,
  windowJson,
  windowSchema,
} from './monitoring-window';

export const predictionsResponseSchema = z
  .object({
    window: windowSchema,
    bySource: z
      .array(
        z.object({
          source: z.enum(['all', 'webapp', 'scheduled']),
          predictions: z.number().int().describe('predictions with a number as output'),
          nanPredictions: z.number().int().describe('NaN outputs, left out of every statistic'),
          mean: z.number().nullable(),
          median: z.number().nullable(),
          p95: z.number().nullable(),
          min: z.number().nullable(),
          max: z.number().nullable(),
          stddev: z.number().nullable(),
          lateShare: z.number().nullable().describe('share predicted more than 15 minutes late'),
          constantOutput: z.boolean().describe('>= 10 predictions of different inputs, all the same value'),
          previousMean: z.number().nullable().describe('mean of the window of the same length just before'),
          jumpScore: z.number().nullable().describe('|mean - previousMean| / max(previous stddev, 1 minute)'),
          jump: z.boolean().describe('jumpScore > 1'),
          status: z
            .enum(['green', 'orange', 'red', 'none'])
            .describe('red: constant or NaN; orange: jump; none: no predictions'),
        }),
      )
      .describe('always three entries: all, webapp, scheduled'),
    series: z.array(
      z.object({
        bucket: z.iso.datetime(),
        source: z.enum(['webapp', 'scheduled']),
        predictions: z.number().int(),
        mean: z.number().nullable(),
        median: z.number().nullable(),
        p95: z.number().nullable(),
        lateShare: z.number().nullable(),
      }),
    ),
    histogram: z
      .array(
        z.object({
          binLow: z.number().nullable().describe('null: the open bin below -30'),
          binHigh: z.number().nullable().describe('null: the open bin from 120 up'),
          webapp: z.number().int(),
          scheduled: z.number().int(),
        }),
      )
      .describe('predicted delay in 5-minute bins from -30 to 120, 32 bins'),
  })
  .meta({ id: 'MonitoringPredictions' });

export type PredictionsResponse = z.infer<typeof predictionsResponseSchema>;
type Row = Record<string, unknown>;

export async function predictionsOf(pool: pg.Pool, w: MonitoringWindow): Promise<PredictionsResponse> {
  const args = [w.from, w.to];
  const [bySource, series, histogram] = await Promise.all([
    pool.query<Row>('SELECT * FROM monitoring_predictions($1, $2)', args),
    pool.query<Row>('SELECT * FROM monitoring_predictions_series($1, $2, $3::interval)', [
      ...args,
      stepInterval(w),
    ]),
    pool.query<Row>('SELECT * FROM monitoring_prediction_histogram($1, $2)', args),
  ]);
  return {
    window: windowJson(w),
    bySource: bySource.rows.map((r) => ({
      source: r.source as PredictionsResponse['bySource'][number]['source'],
      predictions: num(r.predictions),
      nanPredictions: num(r.nan_predictions),
      mean: numOrNull(r.mean),
      median: numOrNull(r.median),
      p95: numOrNull(r.p95),
      min: numOrNull(r.min),
      max: numOrNull(r.max),
      stddev: numOrNull(r.stddev),
      lateShare: numOrNull(r.late_share),
      constantOutput: r.constant_output === true,
      previousMean: numOrNull(r.previous_mean),
      jumpScore: numOrNull(r.jump_score),
      jump: r.jump === true,
      status: r.status as PredictionsResponse['bySource'][number]['status'],
    })),
    series: series.rows.map((r) => ({
      bucket: (r.bucket as Date).toISOString(),
      source: r.source as 'webapp' | 'scheduled',
      predictions: num(r.predictions),
      mean: numOrNull(r.mean),
      median: numOrNull(r.median),
      p95: numOrNull(r.p95),
      lateShare: numOrNull(r.late_share),
    })),
    histogram: histogram.rows.map((r) => ({
      binLow: numOrNull(r.bin_low),
      binHigh: numOrNull(r.bin_high),
      webapp: num(r.webapp),
      scheduled: num(r.scheduled),
    })),
  };
}
