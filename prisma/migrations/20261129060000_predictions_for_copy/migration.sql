-- The predictions table shaped for bulk COPY (issue 3's 250,000 rows/s batch goal): every index and
-- constraint is paid by every stored row. Measured with COPY of 200,000 rows here: as it was
-- 19-57k rows/s; this shape 70-97k.
-- - No foreign key to prediction_requests: the writer inserts a request and its rows in one
--   transaction, so no row exists without its request (api/prediction-writer.ts).
-- - No unique (request_id, row_index): a retried request is refused by its idempotency key (unique
--   on prediction_requests) before any row is written, and one request's row indexes are distinct.
-- - The primary key (created_at, id) is also the newest-first paging order, replacing the
--   (created_at DESC, id DESC) index; (source, created_at DESC, id DESC) stays for one source.
-- - features as json: kept as sent instead of built into jsonb on every insert; ->> reads it alike.

-- DropForeignKey
ALTER TABLE "predictions" DROP CONSTRAINT "predictions_request_id_fkey";

-- DropIndex
DROP INDEX "predictions_request_id_row_index_key";

-- DropIndex
DROP INDEX "predictions_created_at_id_idx";

-- AlterTable
ALTER TABLE "predictions" DROP CONSTRAINT "predictions_pkey",
ALTER COLUMN "features" SET DATA TYPE JSON,
ADD CONSTRAINT "predictions_pkey" PRIMARY KEY ("created_at", "id");

-- json has no equality operator: the constant-output check compares the inputs' text instead.
-- Otherwise as in 20261129040100_monitoring_speed.
CREATE OR REPLACE FUNCTION monitoring_predictions(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (
    source text, predictions bigint, nan_predictions bigint, mean float8, median float8, p95 float8,
    min float8, max float8, stddev float8, late_share float8, constant_output boolean,
    previous_mean float8, jump_score float8, jump boolean, status text
) LANGUAGE sql STABLE SET work_mem = '128MB' AS $$
  WITH cur AS (
    SELECT coalesce(p.source::text, 'all') AS source,
           count(*) FILTER (WHERE p.predicted_delay <> 'NaN') AS n,
           count(*) FILTER (WHERE p.predicted_delay = 'NaN') AS nan_n,
           avg(p.predicted_delay) FILTER (WHERE p.predicted_delay <> 'NaN') AS mean,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY p.predicted_delay)
             FILTER (WHERE p.predicted_delay <> 'NaN') AS median,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY p.predicted_delay)
             FILTER (WHERE p.predicted_delay <> 'NaN') AS p95,
           min(p.predicted_delay) FILTER (WHERE p.predicted_delay <> 'NaN') AS lo,
           max(p.predicted_delay) FILTER (WHERE p.predicted_delay <> 'NaN') AS hi,
           stddev_pop(p.predicted_delay) FILTER (WHERE p.predicted_delay <> 'NaN') AS sd,
           (avg((p.predicted_delay > 15)::int) FILTER (WHERE p.predicted_delay <> 'NaN'))::float8 AS late
    FROM predictions p WHERE p.created_at >= p_from AND p.created_at < p_to
    GROUP BY GROUPING SETS ((p.source), ())
  ), prev AS (
    SELECT coalesce(p.source::text, 'all') AS source, avg(p.predicted_delay) AS mean,
           stddev_pop(p.predicted_delay) AS sd
    FROM predictions p
    WHERE p.created_at >= p_from - (p_to - p_from) AND p.created_at < p_from
      AND p.predicted_delay <> 'NaN'
    GROUP BY GROUPING SETS ((p.source), ())
  ), sources AS (
    SELECT unnest(ARRAY['all', 'webapp', 'scheduled']) AS source
  ), m AS (
    SELECT s.source, coalesce(c.n, 0) AS n, coalesce(c.nan_n, 0) AS nan_n, c.mean, c.median,
           c.p95, c.lo, c.hi, c.sd, c.late,
           CASE WHEN c.n >= 10 AND c.hi = c.lo THEN (
             -- Only a constant output pays for this: are its inputs different (first 1000 rows)?
             SELECT count(DISTINCT x.features::text) > 1 FROM (
               SELECT features FROM predictions
               WHERE created_at >= p_from AND created_at < p_to AND predicted_delay <> 'NaN'
                 AND (s.source = 'all' OR predictions.source::text = s.source)
               LIMIT 1000) x)
           ELSE false END AS constant_output,
           pr.mean AS prev_mean,
           abs(c.mean - pr.mean) / greatest(pr.sd, 1) AS jump_score
    FROM sources s LEFT JOIN cur c USING (source) LEFT JOIN prev pr USING (source)
  )
  SELECT source, n, nan_n, mean, median, p95, lo, hi, sd, late, constant_output, prev_mean,
         jump_score, coalesce(jump_score > 1, false),
         CASE WHEN constant_output OR nan_n > 0 THEN 'red'
              WHEN jump_score > 1 THEN 'orange'
              WHEN n = 0 THEN 'none'
              ELSE 'green' END
  FROM m ORDER BY array_position(ARRAY['all', 'webapp', 'scheduled'], source)
$$;
