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

const status = z.enum(['green', 'orange', 'red']);
const criticality = z.enum(['none', 'low', 'medium', 'high']);

export const qualityResponseSchema = z
  .object({
    window: windowSchema,
    summary: z.object({
      files: z.number().int(),
      rows: z.number().int(),
      validRows: z.number().int(),
      invalidRows: z.number().int(),
      invalidShare: z.number().nullable().describe('invalid rows / rows; null when no rows'),
      filesAllInvalid: z.number().int().describe('files of which no row was valid'),
      criticality: z.object({ none: z.number(), low: z.number(), medium: z.number(), high: z.number() }),
      ingestionRunsSkipped: z.number().int().describe('ingestion runs with nothing to take'),
      ingestionRunsFailed: z.number().int(),
      lastIngestionAt: z.iso
        .datetime()
        .nullable()
        .describe('the latest file ingested before the window ends'),
      secondsSinceLastIngestion: z.number().nullable(),
      status: status.describe(
        'red: all rows invalid, >= 50% invalid or >= 5 min without ingestion; orange: >= 5% or >= 2 min',
      ),
    }),
    series: z.array(
      z.object({
        bucket: z.iso.datetime(),
        files: z.number().int(),
        rows: z.number().int(),
        invalidRows: z.number().int(),
        invalidShare: z.number().nullable(),
      }),
    ),
    issues: z
      .array(
        z.object({
          expectationType: z.string(),
          column: z.string().nullable(),
          files: z.number().int(),
          unexpectedRows: z.number().int(),
          worstCriticality: criticality,
        }),
      )
      .describe('failed expectations of the window by type and column, most files first'),
    worstFiles: z
      .array(
        z.object({
          runId: z.string(),
          fileName: z.string(),
          ingestedAt: z.iso.datetime(),
          rows: z.number().int(),
          invalidRows: z.number().int(),
          invalidShare: z.number().nullable(),
          criticality,
          failedExpectations: z.number().int(),
          reportPath: z
            .string()
            .nullable()
            .describe('the API path of the data-quality report, /reports/<id>'),
        }),
      )
      .describe('at most 10 files of the window, highest invalid share first'),
  })
  .meta({ id: 'MonitoringQuality' });

export type QualityResponse = z.infer<typeof qualityResponseSchema>;

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);

export async function qualityOf(pool: pg.Pool, w: MonitoringWindow): Promise<QualityResponse> {
  const args = [w.from, w.to];
  const [summary, series, issues, worst] = await Promise.all([
    pool.query<Row>('SELECT * FROM monitoring_quality($1, $2)', args),
    pool.query<Row>('SELECT * FROM monitoring_quality_series($1, $2, $3::interval)', [
      ...args,
      stepInterval(w),
    ]),
    pool.query<Row>('SELECT * FROM monitoring_quality_issues($1, $2)', args),
    pool.query<Row>(
      `SELECT * FROM monitoring_ingested_files WHERE ingested_at >= $1 AND ingested_at < $2
       ORDER BY invalid_share DESC NULLS LAST, invalid_rows DESC, ingested_at DESC LIMIT 10`,
      args,
    ),
  ]);
  const s = summary.rows[0]!;
  return {
    window: windowJson(w),
    summary: {
      files: num(s.files),
      rows: num(s.rows),
      validRows: num(s.valid_rows),
      invalidRows: num(s.invalid_rows),
      invalidShare: numOrNull(s.invalid_share),
      filesAllInvalid: num(s.files_all_invalid),
      criticality: {
        none: num(s.criticality_none),
        low: num(s.criticality_low),
        medium: num(s.criticality_medium),
        high: num(s.criticality_high),
      },
      ingestionRunsSkipped: num(s.ingestion_runs_skipped),
      ingestionRunsFailed: num(s.ingestion_runs_failed),
      lastIngestionAt: iso(s.last_ingestion_at),
      secondsSinceLastIngestion: numOrNull(s.seconds_since_last_ingestion),
      status: s.status as QualityResponse['summary']['status'],
    },
    series: series.rows.map((r) => ({
      bucket: iso(r.bucket)!,
      files: num(r.files),
      rows: num(r.rows),
      invalidRows: num(r.invalid_rows),
      invalidShare: numOrNull(r.invalid_share),
    })),
    issues: issues.rows.map((r) => ({
      expectationType: String(r.expectation_type),
      column: (r.column as string | null) ?? null,
      files: num(r.files),
      unexpectedRows: num(r.unexpected_rows),
      worstCriticality: r.worst_criticality as QualityResponse['issues'][number]['worstCriticality'],
    })),
    worstFiles: worst.rows.map((r) => ({
      runId: String(r.run_id),
      fileName: String(r.file_name),
      ingestedAt: iso(r.ingested_at)!,
      rows: num(r.row_count),
      invalidRows: num(r.invalid_rows),
      invalidShare: numOrNull(r.invalid_share),
      criticality: r.criticality as QualityResponse['issues'][number]['worstCriticality'],
      failedExpectations: num(r.failed_expectations),
      reportPath: (r.report_path as string | null) ?? null,
    })),
  };
}
