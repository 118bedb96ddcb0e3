-- Monitoring: drift results, alert rule states, and the SQL that defines every dashboard number.
-- Grafana panels, Grafana alert rules, the API's /monitoring endpoints and the worker's alert
-- rules all read these views and functions, so a number means the same thing everywhere.
-- Windows are half-open, [from, to).

CREATE TABLE "drift_results" (
    "id" BIGSERIAL NOT NULL,
    "run_id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "window_from" TIMESTAMPTZ(3) NOT NULL,
    "window_to" TIMESTAMPTZ(3) NOT NULL,
    "row_count" INTEGER NOT NULL,
    "feature" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "drifted" BOOLEAN NOT NULL,
    "psi" DOUBLE PRECISION NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drift_results_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "drift_results_run_id_feature_key" ON "drift_results"("run_id", "feature");

CREATE INDEX "drift_results_computed_at_idx" ON "drift_results"("computed_at");

CREATE TABLE "monitoring_rule_states" (
    "rule" TEXT NOT NULL,
    "firing" BOOLEAN NOT NULL,
    "episode" INTEGER NOT NULL DEFAULT 0,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION,
    "detail" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "monitoring_rule_states_pkey" PRIMARY KEY ("rule")
);

-- ---------------------------------------------------------------------------------------------
-- Data quality

-- One row per ingested file: what the quality panels plot and the worst-files table lists.
CREATE VIEW monitoring_ingested_files AS
SELECT f.id, f.run_id, f.file_name, f.ingested_at, f.row_count, f.valid_rows, f.invalid_rows,
       CASE WHEN f.row_count > 0 THEN f.invalid_rows::float8 / f.row_count END AS invalid_share,
       f.criticality::text AS criticality, f.parseable, f.expectations, f.failed_expectations,
       f.report_path
FROM ingested_files f;

-- One row per failed expectation per ingested file: issues per expectation type per ingestion.
CREATE VIEW monitoring_ingestion_issues AS
SELECT f.id AS ingested_file_id, f.run_id, f.file_name, f.ingested_at, i.expectation_type,
       i."column", i.unexpected_count, i.unexpected_percent, i.criticality::text AS criticality
FROM data_quality_issues i
JOIN ingested_files f ON f.id = i.ingested_file_id
WHERE NOT i.success;

-- The quality of a window in one row. Empty window: zero counts, null shares.
-- status: red when every ingested row is invalid, at least half of them are, or nothing was
-- ingested for 5 minutes before `to`; orange from 5% invalid rows or 2 minutes without
-- ingestion; green otherwise (the thresholds of the criticality rules and of the alert rules).
CREATE FUNCTION monitoring_quality(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (
    window_from timestamptz, window_to timestamptz, files bigint, rows bigint, valid_rows bigint,
    invalid_rows bigint, invalid_share float8, files_all_invalid bigint, criticality_none bigint,
    criticality_low bigint, criticality_medium bigint, criticality_high bigint,
    ingestion_runs_skipped bigint, ingestion_runs_failed bigint, last_ingestion_at timestamptz,
    seconds_since_last_ingestion float8, status text
) LANGUAGE sql STABLE AS $$
  WITH w AS (
    SELECT count(*) AS files, coalesce(sum(row_count), 0)::bigint AS rows,
           coalesce(sum(valid_rows), 0)::bigint AS valid_rows,
           coalesce(sum(invalid_rows), 0)::bigint AS invalid_rows,
           count(*) FILTER (WHERE valid_rows = 0) AS files_all_invalid,
           count(*) FILTER (WHERE criticality = 'none') AS c_none,
           count(*) FILTER (WHERE criticality = 'low') AS c_low,
           count(*) FILTER (WHERE criticality = 'medium') AS c_medium,
           count(*) FILTER (WHERE criticality = 'high') AS c_high
    FROM ingested_files WHERE ingested_at >= p_from AND ingested_at < p_to
  ), runs AS (
    SELECT count(*) FILTER (WHERE state = 'skipped') AS skipped,
           count(*) FILTER (WHERE state = 'failed') AS failed
    FROM dag_runs WHERE dag_id = 'ingestion' AND logical_time >= p_from AND logical_time < p_to
  ), last AS (
    SELECT max(ingested_at) AS at FROM ingested_files WHERE ingested_at < p_to
  ), m AS (
    SELECT w.*, runs.*, last.at,
           CASE WHEN w.rows > 0 THEN w.invalid_rows::float8 / w.rows END AS share,
           extract(epoch FROM p_to - last.at)::float8 AS since
    FROM w, runs, last
  )
  SELECT p_from, p_to, files, rows, valid_rows, invalid_rows, share, files_all_invalid, c_none,
         c_low, c_medium, c_high, skipped, failed, at, since,
         CASE WHEN (files > 0 AND valid_rows = 0) OR share >= 0.5 OR since IS NULL OR since >= 300
                THEN 'red'
              WHEN share >= 0.05 OR since >= 120 THEN 'orange'
              ELSE 'green' END
  FROM m
$$;

-- The window cut into steps (buckets start at p_from), every step present even when empty.
CREATE FUNCTION monitoring_quality_series(p_from timestamptz, p_to timestamptz, p_step interval)
RETURNS TABLE (bucket timestamptz, files bigint, rows bigint, invalid_rows bigint, invalid_share float8)
LANGUAGE sql STABLE AS $$
  SELECT b.bucket, count(f.id), coalesce(sum(f.row_count), 0)::bigint,
         coalesce(sum(f.invalid_rows), 0)::bigint,
         CASE WHEN sum(f.row_count) > 0 THEN sum(f.invalid_rows)::float8 / sum(f.row_count) END
  FROM generate_series(p_from, p_to - interval '1 microsecond', p_step) AS b(bucket)
  LEFT JOIN ingested_files f
    ON f.ingested_at >= b.bucket AND f.ingested_at < least(b.bucket + p_step, p_to)
  GROUP BY b.bucket ORDER BY b.bucket
$$;

-- Failed expectations of a window by type (and column): how many files, how many rows.
CREATE FUNCTION monitoring_quality_issues(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (expectation_type text, "column" text, files bigint, unexpected_rows bigint,
               worst_criticality text)
LANGUAGE sql STABLE AS $$
  SELECT expectation_type, "column", count(DISTINCT ingested_file_id),
         sum(unexpected_count)::bigint,
         (array_agg(criticality ORDER BY array_position(ARRAY['none','low','medium','high'], criticality) DESC))[1]
  FROM monitoring_ingestion_issues
  WHERE ingested_at >= p_from AND ingested_at < p_to
  GROUP BY expectation_type, "column"
  ORDER BY 3 DESC, 4 DESC, 1, 2
$$;

-- ---------------------------------------------------------------------------------------------
-- Predictions

-- Predictions of a window by source, and over all sources (source 'all'). NaN outputs are
-- counted apart and left out of every statistic. Signs of a broken model:
--   constant_output: at least 10 predictions of different inputs, all the same value;
--   jump: the mean moved by more than one standard deviation (at least one minute) of the
--         previous window of the same length.
-- status: red on constant output or any NaN, orange on a jump, green otherwise, none when empty.
CREATE FUNCTION monitoring_predictions(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (
    source text, predictions bigint, nan_predictions bigint, mean float8, median float8, p95 float8,
    min float8, max float8, stddev float8, late_share float8, constant_output boolean,
    previous_mean float8, jump_score float8, jump boolean, status text
) LANGUAGE sql STABLE AS $$
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
           (avg((p.predicted_delay > 15)::int) FILTER (WHERE p.predicted_delay <> 'NaN'))::float8 AS late,
           min(p.features::text) <> max(p.features::text) AS inputs_vary
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
           coalesce(c.n >= 10 AND c.hi = c.lo AND c.inputs_vary, false) AS constant_output,
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

-- Predictions over time by source, every step present for each source.
CREATE FUNCTION monitoring_predictions_series(p_from timestamptz, p_to timestamptz, p_step interval)
RETURNS TABLE (bucket timestamptz, source text, predictions bigint, mean float8, median float8,
               p95 float8, late_share float8)
LANGUAGE sql STABLE AS $$
  SELECT b.bucket, s.source, count(p.id),
         avg(p.predicted_delay), percentile_cont(0.5) WITHIN GROUP (ORDER BY p.predicted_delay),
         percentile_cont(0.95) WITHIN GROUP (ORDER BY p.predicted_delay),
         avg((p.predicted_delay > 15)::int)::float8
  FROM generate_series(p_from, p_to - interval '1 microsecond', p_step) AS b(bucket)
  CROSS JOIN unnest(ARRAY['webapp', 'scheduled']) AS s(source)
  LEFT JOIN predictions p
    ON p.source::text = s.source AND p.created_at >= b.bucket
   AND p.created_at < least(b.bucket + p_step, p_to) AND p.predicted_delay <> 'NaN'
  GROUP BY b.bucket, s.source ORDER BY b.bucket, s.source
$$;

-- The distribution of predicted delays: 5-minute bins from -30 to 120 minutes, and one open bin
-- on each side (bin_low or bin_high null).
CREATE FUNCTION monitoring_prediction_histogram(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (bin_low float8, bin_high float8, webapp bigint, scheduled bigint)
LANGUAGE sql STABLE AS $$
  WITH bins AS (SELECT generate_series(0, 31) AS bin),
  counted AS (
    SELECT width_bucket(predicted_delay, -30, 120, 30) AS bin,
           count(*) FILTER (WHERE source = 'webapp') AS webapp,
           count(*) FILTER (WHERE source = 'scheduled') AS scheduled
    FROM predictions
    WHERE created_at >= p_from AND created_at < p_to AND predicted_delay <> 'NaN'
    GROUP BY 1
  )
  SELECT CASE WHEN b.bin > 0 THEN -30 + (b.bin - 1) * 5 END::float8,
         CASE WHEN b.bin < 31 THEN -30 + b.bin * 5 END::float8,
         coalesce(c.webapp, 0), coalesce(c.scheduled, 0)
  FROM bins b LEFT JOIN counted c USING (bin) ORDER BY b.bin
$$;

-- ---------------------------------------------------------------------------------------------
-- Drift

-- Each drift measure with its colour: red when drifted, orange when not drifted but the PSI
-- shows a moderate shift (>= 0.1, the usual PSI convention), green otherwise.
CREATE VIEW monitoring_drift_features AS
SELECT d.run_id, d.model_id, d.computed_at, d.window_from, d.window_to, d.row_count, d.feature,
       d.target, d.kind, d.method, d.score, d.threshold, d.drifted, d.psi,
       CASE WHEN d.drifted THEN 'red' WHEN d.psi >= 0.1 THEN 'orange' ELSE 'green' END AS status
FROM drift_results d;

-- One row per drift computation. drift_share is the share of input features that drifted; the
-- data set drifted when it reaches 0.5 (Evidently's default). status: red when the data set or
-- the prediction drifted, orange when some feature did, green otherwise.
CREATE VIEW monitoring_drift_runs AS
SELECT run_id, model_id, computed_at, window_from, window_to, row_count, features,
       drifted_features, drift_share, drift_share >= 0.5 AS dataset_drifted,
       prediction_method, prediction_score, prediction_threshold, prediction_drifted,
       CASE WHEN drift_share >= 0.5 OR coalesce(prediction_drifted, false) THEN 'red'
            WHEN drifted_features > 0 THEN 'orange'
            ELSE 'green' END AS status
FROM (
  SELECT run_id, min(model_id) AS model_id, max(computed_at) AS computed_at,
         min(window_from) AS window_from, max(window_to) AS window_to, max(row_count) AS row_count,
         count(*) FILTER (WHERE target = 'feature') AS features,
         count(*) FILTER (WHERE target = 'feature' AND drifted) AS drifted_features,
         coalesce(avg(drifted::int) FILTER (WHERE target = 'feature'), 0)::float8 AS drift_share,
         min(method) FILTER (WHERE target = 'prediction') AS prediction_method,
         min(score) FILTER (WHERE target = 'prediction') AS prediction_score,
         min(threshold) FILTER (WHERE target = 'prediction') AS prediction_threshold,
         bool_or(drifted) FILTER (WHERE target = 'prediction') AS prediction_drifted
  FROM drift_results GROUP BY run_id
) r;

-- ---------------------------------------------------------------------------------------------
-- Alert rules: evaluated by Grafana (production) and by the monitoring DAG (embedded runtime).
--   all_data_invalid     files were ingested in the last 10 minutes and none had a valid row;
--   model_output_broken  in the last 10 minutes the output was constant or NaN, or good rows
--                        ingested 4 to 10 minutes ago (two prediction intervals) got no prediction;
--   drift_red            the latest drift computation of the last 30 minutes is red;
--   no_recent_ingestion  no file ingested in the last 5 minutes.
CREATE FUNCTION monitoring_alert_rules(p_at timestamptz)
RETURNS TABLE (rule text, firing boolean, value float8, detail text)
LANGUAGE sql STABLE AS $$
  WITH q AS (SELECT * FROM monitoring_quality(p_at - interval '10 minutes', p_at)),
  p AS (SELECT * FROM monitoring_predictions(p_at - interval '10 minutes', p_at) WHERE source = 'all'),
  waiting AS (
    SELECT coalesce(sum(valid_rows), 0) AS rows FROM ingested_files
    WHERE ingested_at >= p_at - interval '10 minutes' AND ingested_at < p_at - interval '4 minutes'
  ),
  d AS (
    SELECT * FROM monitoring_drift_runs
    WHERE computed_at > p_at - interval '30 minutes' AND computed_at <= p_at
    ORDER BY computed_at DESC LIMIT 1
  ),
  last AS (SELECT max(ingested_at) AS at FROM ingested_files WHERE ingested_at <= p_at)
  SELECT 'all_data_invalid', q.files > 0 AND q.valid_rows = 0, q.invalid_share,
         format('%s files, %s rows, %s valid in the last 10 minutes', q.files, q.rows, q.valid_rows)
  FROM q
  UNION ALL
  SELECT 'model_output_broken',
         p.constant_output OR p.nan_predictions > 0 OR (waiting.rows > 0 AND p.predictions = 0),
         p.predictions::float8,
         CASE WHEN p.constant_output THEN format('constant output %s over %s predictions', p.min, p.predictions)
              WHEN p.nan_predictions > 0 THEN format('%s NaN predictions', p.nan_predictions)
              WHEN waiting.rows > 0 AND p.predictions = 0
                THEN format('%s good rows ingested 4 to 10 minutes ago, no prediction since', waiting.rows)
              ELSE format('%s predictions in the last 10 minutes', p.predictions) END
  FROM p, waiting
  UNION ALL
  SELECT 'drift_red', coalesce((SELECT status = 'red' FROM d), false),
         (SELECT drift_share FROM d),
         coalesce((SELECT format('drift share %s (%s of %s features), prediction drifted: %s, run %s',
                                 round(drift_share::numeric, 2), drifted_features, features,
                                 coalesce(prediction_drifted, false), run_id) FROM d),
                  'no drift computed in the last 30 minutes')
  UNION ALL
  SELECT 'no_recent_ingestion', last.at IS NULL OR last.at <= p_at - interval '5 minutes',
         extract(epoch FROM p_at - last.at)::float8,
         coalesce(format('last file ingested at %s', last.at), 'no file ever ingested')
  FROM last
$$;
