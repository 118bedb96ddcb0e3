import type pg from 'pg';

export interface StoreCounts {
  ingestedFiles: number;
  /** Per raw file name: how many ingestion statistics rows, and their row counts summed. */
  ingested: Map<string, { count: number; rows: number; valid: number; invalid: number }>;
  /** Files whose data-quality issue rows differ from their number of expectations. */
  issuesMismatch: string[];
  ledger: Map<string, { status: string; rows: number; predicted: number; rejected: number }>;
  ledgerDone: number;
  scheduled: { total: number; distinct: number };
  rejections: { total: number; withoutReason: number };
  /** On-demand predictions per flight id. */
  webapp: Map<string, number>;
}

/** What Postgres holds about the flow, read in a few aggregate queries. */
export async function storeCounts(pool: pg.Pool): Promise<StoreCounts> {
  const [ingested, issues, ledger, scheduled, rejections, webapp] = await Promise.all([
    pool.query(
      `SELECT file_name, count(*)::int AS count, sum(row_count)::int AS rows,
              sum(valid_rows)::int AS valid, sum(invalid_rows)::int AS invalid
       FROM ingested_files GROUP BY file_name`,
    ),
    pool.query(
      `SELECT f.file_name FROM ingested_files f LEFT JOIN data_quality_issues i ON i.ingested_file_id = f.id
       GROUP BY f.id, f.file_name, f.expectations HAVING count(i.id) <> f.expectations`,
    ),
    pool.query(
      `SELECT file_name, status::text, coalesce(row_count, 0) AS rows,
              coalesce(predicted_rows, 0) AS predicted, coalesce(rejected_rows, 0) AS rejected
       FROM prediction_ledger`,
    ),
    pool.query(
      `SELECT count(*)::int AS total, count(DISTINCT features->>'flight_id')::int AS distinct
       FROM predictions WHERE source = 'scheduled'`,
    ),
    pool.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE coalesce(reason, '') = '')::int AS without_reason
       FROM prediction_rejections`,
    ),
    pool.query(
      `SELECT features->>'flight_id' AS id, count(*)::int AS count FROM predictions
       WHERE source = 'webapp' GROUP BY 1`,
    ),
  ]);
  const ledgerRows = ledger.rows.map((r) => ({
    name: r.file_name as string,
    status: r.status as string,
    rows: Number(r.rows),
    predicted: Number(r.predicted),
    rejected: Number(r.rejected),
  }));
  return {
    ingestedFiles: ingested.rows.length,
    ingested: new Map(ingested.rows.map((r) => [r.file_name, r])),
    issuesMismatch: issues.rows.map((r) => r.file_name as string),
    ledger: new Map(ledgerRows.map((r) => [r.name, r])),
    ledgerDone: ledgerRows.filter((r) => r.status === 'done').length,
    scheduled: scheduled.rows[0],
    rejections: { total: rejections.rows[0].total, withoutReason: rejections.rows[0].without_reason },
    webapp: new Map(webapp.rows.map((r) => [r.id, r.count])),
  };
}
