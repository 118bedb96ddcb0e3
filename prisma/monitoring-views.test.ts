import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { seedMonitoringData } from '../tests/support/monitoring-data';

// The monitoring migration's views and functions, on hand-counted data (tests/support/monitoring-data.ts).
const at = new Date('2026-11-29T12:00:00Z');
const ago = (minutes: number) => new Date(at.getTime() - minutes * 60_000);

describe('monitoring views', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedMonitoringData(db.pool, at);
  });
  afterAll(() => db?.drop());

  const quality = async (from: Date, to: Date) =>
    (await db.pool.query('SELECT * FROM monitoring_quality($1, $2)', [from, to])).rows[0];

  it('quality of the last 10 minutes, 1 hour and 24 hours counts files, rows and invalid shares', async () => {
    expect(await quality(ago(10), at)).toMatchObject({
      files: '2',
      rows: '150',
      valid_rows: '140',
      invalid_rows: '10',
      files_all_invalid: '0',
      criticality_none: '1',
      criticality_medium: '1',
      criticality_high: '0',
      ingestion_runs_skipped: '1',
      ingestion_runs_failed: '1',
      last_ingestion_at: ago(3),
      seconds_since_last_ingestion: 180,
      status: 'orange',
    });
    expect((await quality(ago(10), at)).invalid_share).toBeCloseTo(10 / 150, 12);
    expect(await quality(ago(60), at)).toMatchObject({
      files: '3',
      rows: '350',
      invalid_rows: '210',
      invalid_share: 0.6,
      files_all_invalid: '1',
      criticality_high: '1',
      status: 'red',
    });
    expect(await quality(ago(24 * 60), at)).toMatchObject({ files: '4', rows: '1350', invalid_rows: '210' });
  });

  it('an empty window has zero counts, no share, and is red when nothing was ever ingested before it', async () => {
    expect(await quality(ago(300), ago(240))).toMatchObject({
      files: '0',
      rows: '0',
      invalid_share: null,
      last_ingestion_at: null,
      seconds_since_last_ingestion: null,
      status: 'red',
    });
  });

  it('the quality series has every step, empty ones at zero', async () => {
    const { rows } = await db.pool.query('SELECT * FROM monitoring_quality_series($1, $2, $3)', [
      ago(10),
      at,
      '5 minutes',
    ]);
    expect(rows).toEqual([
      { bucket: ago(10), files: '1', rows: '100', invalid_rows: '10', invalid_share: 0.1 },
      { bucket: ago(5), files: '1', rows: '50', invalid_rows: '0', invalid_share: 0 },
    ]);
    const empty = await db.pool.query('SELECT * FROM monitoring_quality_series($1, $2, $3)', [
      ago(300),
      ago(290),
      '5 minutes',
    ]);
    expect(empty.rows.map((r) => [r.files, r.invalid_share])).toEqual([
      ['0', null],
      ['0', null],
    ]);
  });

  it('issues per expectation type over a window, and per ingestion', async () => {
    const { rows } = await db.pool.query('SELECT * FROM monitoring_quality_issues($1, $2)', [ago(60), at]);
    expect(rows).toEqual([
      {
        expectation_type: 'expect_column_to_exist',
        column: 'origin',
        files: '1',
        unexpected_rows: '200',
        worst_criticality: 'high',
      },
      {
        expectation_type: 'expect_column_values_to_be_in_set',
        column: 'origin',
        files: '1',
        unexpected_rows: '6',
        worst_criticality: 'medium',
      },
      {
        expectation_type: 'expect_column_values_to_not_be_null',
        column: 'distance',
        files: '1',
        unexpected_rows: '4',
        worst_criticality: 'low',
      },
    ]);
    const perFile = await db.pool.query(
      `SELECT file_name, count(*)::int AS n FROM monitoring_ingestion_issues GROUP BY file_name ORDER BY file_name`,
    );
    expect(perFile.rows).toEqual([
      { file_name: 'flights-0.csv', n: 2 },
      { file_name: 'flights-2.csv', n: 1 },
    ]);
  });

  it('predictions by source: count, mean, median, p95, late share, NaN apart, a jump against the window before', async () => {
    const { rows } = await db.pool.query('SELECT * FROM monitoring_predictions($1, $2)', [ago(10), at]);
    expect(rows.map((r) => r.source)).toEqual(['all', 'webapp', 'scheduled']);
    const [all, webapp, scheduled] = rows;
    expect(scheduled).toMatchObject({
      predictions: '5',
      nan_predictions: '0',
      mean: 20,
      median: 20,
      p95: 38,
      late_share: 0.6,
    });
    expect(scheduled).toMatchObject({
      previous_mean: 20,
      jump_score: 0,
      jump: false,
      constant_output: false,
      status: 'green',
    });
    expect(webapp).toMatchObject({ predictions: '1', nan_predictions: '1', mean: 5, status: 'red' });
    // all: 0, 5, 10, 20, 30, 40; the window before: 18 and 22 (mean 20, sd 2): |17.5 - 20| / 2 = 1.25.
    expect(all).toMatchObject({
      predictions: '6',
      nan_predictions: '1',
      mean: 17.5,
      median: 15,
      late_share: 0.5,
    });
    expect(all).toMatchObject({ jump_score: 1.25, jump: true, status: 'red' });
  });

  it('flags a constant output, and an empty window has no statistics', async () => {
    const broken = await db.pool.query(
      `SELECT * FROM monitoring_predictions($1, $2) WHERE source = 'scheduled'`,
      [ago(55), ago(45)],
    );
    expect(broken.rows[0]).toMatchObject({
      predictions: '12',
      constant_output: true,
      status: 'red',
      min: 7,
      max: 7,
    });
    const empty = await db.pool.query('SELECT * FROM monitoring_predictions($1, $2)', [ago(300), ago(290)]);
    expect(empty.rows.map((r) => [r.source, r.predictions, r.mean, r.status])).toEqual([
      ['all', '0', null, 'none'],
      ['webapp', '0', null, 'none'],
      ['scheduled', '0', null, 'none'],
    ]);
  });

  it('prediction series and histogram count each prediction once, NaN left out', async () => {
    const series = await db.pool.query('SELECT * FROM monitoring_predictions_series($1, $2, $3)', [
      ago(10),
      at,
      '5 minutes',
    ]);
    expect(
      series.rows.map((r) => [r.bucket.getTime() === ago(5).getTime(), r.source, r.predictions]),
    ).toEqual([
      [false, 'scheduled', '0'],
      [false, 'webapp', '0'],
      [true, 'scheduled', '5'],
      [true, 'webapp', '1'],
    ]);
    const histogram = await db.pool.query('SELECT * FROM monitoring_prediction_histogram($1, $2)', [
      ago(10),
      at,
    ]);
    expect(histogram.rows).toHaveLength(32);
    const counted = histogram.rows.filter((r) => r.webapp !== '0' || r.scheduled !== '0');
    expect(counted.map((r) => [r.bin_low, r.bin_high, r.webapp, r.scheduled])).toEqual([
      [0, 5, '0', '1'],
      [5, 10, '1', '0'],
      [10, 15, '0', '1'],
      [20, 25, '0', '1'],
      [30, 35, '0', '1'],
      [40, 45, '0', '1'],
    ]);
  });

  it('drift runs: the drifted share of features, the prediction apart, and colours', async () => {
    const runs = await db.pool.query('SELECT * FROM monitoring_drift_runs ORDER BY computed_at DESC');
    expect(runs.rows.map((r) => [r.run_id, r.status])).toEqual([
      ['monitoring-seed', 'red'],
      ['monitoring-seed-small', 'green'],
    ]);
    expect(runs.rows.slice(0, 1)).toEqual([
      expect.objectContaining({
        run_id: 'monitoring-seed',
        features: '3',
        drifted_features: '2',
        drift_share: 2 / 3,
        dataset_drifted: true,
        prediction_method: 'wasserstein',
        prediction_drifted: false,
        status: 'red',
      }),
    ]);
    const features = await db.pool.query(
      `SELECT feature, status FROM monitoring_drift_features WHERE run_id = 'monitoring-seed' ORDER BY feature`,
    );
    expect(features.rows.map((r) => [r.feature, r.status])).toEqual([
      ['date_hour', 'red'],
      ['distance', 'orange'],
      ['origin', 'red'],
      ['prediction', 'green'],
    ]);
  });

  it('alert rules: which fire at a moment, with their value and why', async () => {
    const rules = async (moment: Date) =>
      Object.fromEntries(
        (await db.pool.query('SELECT * FROM monitoring_alert_rules($1)', [moment])).rows.map((r) => [
          r.rule,
          r.firing,
        ]),
      );
    expect(await rules(at)).toEqual({
      all_data_invalid: false,
      model_output_broken: true,
      drift_red: true,
      no_recent_ingestion: false,
    });
    // 25 minutes ago: only the all-invalid file in its last 10 minutes; no drift yet; no prediction.
    expect(await rules(ago(25))).toEqual({
      all_data_invalid: true,
      model_output_broken: false,
      drift_red: false,
      no_recent_ingestion: true,
    });
  });
});
