import type { TaskContext, TaskResult } from '../core/dag/task';
import { readValidationResult } from '../core/validation';
import { activityDeps } from './deps';
import { upstreamOutput, type ValidateDataOutput } from './ingestion-files';

export interface SaveStatisticsOutput {
  ingestedFileId: string;
  expectations: number;
  failedExpectations: number;
}

/**
 * Task `save-statistics`: stores what validation found, never the rows: one `ingested_files` row
 * (file, rows, valid and invalid rows, criticality, durations) and one `data_quality_issues` row per
 * expectation with its counts. Keyed on the run id and written in one transaction, so a retry
 * replaces its own rows instead of adding to them.
 */
export async function saveStatistics(context: TaskContext): Promise<TaskResult<SaveStatisticsOutput>> {
  const { db } = activityDeps();
  const validated = upstreamOutput<ValidateDataOutput>(context, 'validate-data', 'resultPath');
  const result = await readValidationResult(validated.resultPath);
  const { meta } = result;
  const failed = result.results.filter((r) => !r.success).length;
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const file = await client.query<{ id: string }>(
      `INSERT INTO ingested_files (run_id, file_name, content_hash, row_count, valid_rows, invalid_rows, criticality,
         parseable, expectations, failed_expectations, report_path, validation_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (run_id) DO UPDATE SET file_name = EXCLUDED.file_name, content_hash = EXCLUDED.content_hash,
         row_count = EXCLUDED.row_count, valid_rows = EXCLUDED.valid_rows, invalid_rows = EXCLUDED.invalid_rows,
         criticality = EXCLUDED.criticality, parseable = EXCLUDED.parseable, expectations = EXCLUDED.expectations,
         failed_expectations = EXCLUDED.failed_expectations, report_path = EXCLUDED.report_path,
         validation_ms = EXCLUDED.validation_ms
       RETURNING id`,
      [
        context.runId,
        meta.data_asset_name,
        meta.content_sha256 ?? '',
        meta.row_count,
        meta.good_row_count,
        meta.bad_row_count,
        meta.criticality,
        meta.parseable,
        result.results.length,
        failed,
        `/reports/${validated.reportId}`,
        meta.duration_ms,
      ],
    );
    const id = file.rows[0]!.id;
    await client.query('DELETE FROM data_quality_issues WHERE ingested_file_id = $1', [id]);
    const column = (r: (typeof result.results)[number]) => {
      const { kwargs } = r.expectation_config;
      if (typeof kwargs.column === 'string') return kwargs.column;
      return Array.isArray(kwargs.column_list) ? kwargs.column_list.join(',') : null;
    };
    await client.query(
      `INSERT INTO data_quality_issues (ingested_file_id, expectation_type, "column", success, element_count,
         unexpected_count, unexpected_percent, criticality)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::boolean[], $5::int[], $6::int[], $7::float8[], $8::criticality[])`,
      [
        id,
        result.results.map((r) => r.expectation_config.expectation_type),
        result.results.map(column),
        result.results.map((r) => r.success),
        result.results.map((r) => r.result.element_count),
        // Table-level and aggregate expectations judge the table, not values: no unexpected values to count.
        result.results.map((r) => r.result.unexpected_count ?? 0),
        result.results.map((r) => r.result.unexpected_percent ?? 0),
        result.results.map((r) => r.criticality),
      ],
    );
    await client.query('COMMIT');
    return {
      output: { ingestedFileId: id, expectations: result.results.length, failedExpectations: failed },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
