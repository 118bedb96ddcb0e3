import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { writeCsv } from '../cli/data/csv-file';
import { ERROR_TYPES, EXCLUSIVE_FILE_ERRORS } from '../cli/data/error-types';
import { waitFor } from '../cli/runtime/ports';
import { readRecords } from '../core/csv/read-records';
import { dataPaths, type DataPaths, ensureDataDirs } from '../core/paths';
import { DAG_RUN_STATUS } from '../core/temporal/search-attributes';
import { dagRun } from '../workflows';
import { ingestionDag } from '../workflows/dags/ingestion';
import { type ContrailProcess, startWorkerProcess } from './support/contrail-processes';
import { createTestDatabase, type TestDatabase } from './support/database';
import { cleanTable, corruptedFile } from './support/flight-files';
import { startSmtpReceiver } from './support/smtp-receiver';
import { cardText, startTeamsReceiver } from './support/teams-receiver';
import { emptyFolders } from './support/ingestion';
import { temporalAddress } from './support/temporal';

// Types that change the whole file (a column gone, no rows, nothing at all) cannot share a file.
const ROW_LEVEL_TYPES = ERROR_TYPES.filter((t) => !EXCLUSIVE_FILE_ERRORS.includes(t));

/**
 * The ingestion DAG end to end on real processes: the production worker entry point (killed with
 * SIGKILL and restarted), the test run's Temporal server, a Postgres database, and loopback Teams
 * and SMTP receivers for the alerts.
 */
describe('the ingestion DAG', () => {
  let db: TestDatabase;
  let dir: string;
  let paths: DataPaths;
  let worker: ContrailProcess;
  let client: Client;
  let env: NodeJS.ProcessEnv;
  let teams: Awaited<ReturnType<typeof startTeamsReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  const taskQueue = `ingestion-${crypto.randomBytes(4).toString('hex')}`;

  function start(id = `ingestion-test-${crypto.randomBytes(4).toString('hex')}`) {
    return client.workflow
      .start(dagRun, { args: [{ dag: ingestionDag, runType: 'manual' }], taskQueue, workflowId: id })
      .then((handle) => ({ id, handle }));
  }

  async function rowsOf(file: string): Promise<string[][]> {
    return (await readRecords(file)).records.slice(1).map((r) => r.fields);
  }

  /** Every data row in good-data and bad-data, by flight id. */
  async function splitRows(): Promise<{ good: string[]; bad: string[] }> {
    const ids = async (folder: string) => {
      const files = fs.readdirSync(folder).filter((f) => f.endsWith('.csv'));
      const rows = await Promise.all(files.map((f) => rowsOf(path.join(folder, f))));
      return rows.flat().map((r) => r[0]!);
    };
    return { good: await ids(paths.goodData), bad: await ids(paths.badData) };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-ingestion-dag-'));
    paths = dataPaths(dir);
    ensureDataDirs(paths);
    [teams, smtp] = await Promise.all([startTeamsReceiver(), startSmtpReceiver()]);
    env = {
      DATABASE_URL: db.url,
      CONTRAIL_DATA_DIR: dir,
      TEMPORAL_TASK_QUEUE: taskQueue,
      CONTRAIL_API_URL: 'http://contrail.test:8000',
      CONTRAIL_WEBAPP_URL: 'https://contrail.example.com',
      TEAMS_WEBHOOK_URL: teams.url,
      SMTP_URL: smtp.url,
      ALERT_EMAIL_TO: 'data-ops@example.com',
      // A few bad rows in thousands is low criticality, which alerts only when asked to.
      ALERT_CRITICALITIES: 'low,medium,high',
    };
    worker = await startWorkerProcess(env);
    client = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
  }, 180_000);

  afterAll(async () => {
    await worker?.kill();
    await client?.connection.close();
    await Promise.all([teams?.stop(), smtp?.stop()]);
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => emptyFolders(paths));

  it('finds every injected error at the rows the manifest names, stores matching statistics, conserves rows and alerts with the report link', async () => {
    const { manifest } = corruptedFile(paths.rawData, 'every-error.csv', [...ROW_LEVEL_TYPES], {
      rows: 2_000,
      rowsPerError: 5,
      seed: 7,
    });
    const { id, handle } = await start();
    expect(await handle.result()).toMatchObject({ state: 'success' });

    // Rows: every manifest row is in bad-data, with a reason beside it; nothing else is.
    const badIds = new Set(manifest.errors.flatMap((e) => e.rows).map(String));
    const split = await splitRows();
    expect(split.good.length + split.bad.length).toBe(manifest.rowCount);
    expect(new Set(split.bad)).toEqual(badIds);
    expect(split.good.some((r) => badIds.has(r))).toBe(false);

    // Statistics: one row for the file, counts agreeing with the split and the manifest.
    const files = await db.pool.query(`SELECT * FROM ingested_files WHERE run_id = $1`, [id]);
    expect(files.rows).toHaveLength(1);
    expect(files.rows[0]).toMatchObject({
      file_name: 'every-error.csv',
      row_count: manifest.rowCount,
      invalid_rows: badIds.size,
      valid_rows: manifest.rowCount - badIds.size,
    });
    const failed = await db.pool.query(
      `SELECT DISTINCT expectation_type FROM data_quality_issues WHERE ingested_file_id = $1 AND NOT success`,
      [files.rows[0].id],
    );
    // Each error type fails an expectation of its own kind; together they fail many distinct ones.
    expect(failed.rows.length).toBeGreaterThanOrEqual(8);

    // The three tasks after validation were dispatched side by side: Temporal's history has all
    // three scheduled before any of them completed. (Whether their run times then overlap depends on
    // the worker's slots and the machine's load: bench/ingestion-dag.ts counts how often they do.)
    const history = (await handle.fetchHistory()).events ?? [];
    const parallelActivities = new Set(['saveStatistics', 'sendAlerts', 'splitAndSaveData']);
    const scheduled = history
      .filter((e) => parallelActivities.has(e.activityTaskScheduledEventAttributes?.activityType?.name ?? ''))
      .map((e) => Number(e.eventId));
    const completed = history
      .filter((e) =>
        scheduled.includes(Number(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? -1)),
      )
      .map((e) => Number(e.eventId));
    expect(scheduled).toHaveLength(3);
    expect(completed).toHaveLength(3);
    expect(Math.max(...scheduled)).toBeLessThan(Math.min(...completed));

    const tasks = await db.pool.query(
      `SELECT task_id, state, started_at, ended_at FROM task_instances WHERE run_id = $1`,
      [id],
    );
    const byId: Record<string, { state: string; started_at: Date; ended_at: Date }> = Object.fromEntries(
      tasks.rows.map((t) => [t.task_id, t]),
    );
    expect(Object.values(byId).every((t) => t.state === 'success')).toBe(true);
    // Each started only once validation had ended (its upstream).
    for (const t of ['save-statistics', 'send-alerts', 'split-and-save-data'])
      expect(byId[t]!.started_at.getTime()).toBeGreaterThanOrEqual(byId['validate-data']!.ended_at.getTime());

    // Alerts: a Teams card and an e-mail, both with the report's stable link, through the web app.
    const reportLink = `https://contrail.example.com/api${files.rows[0].report_path}`;
    await waitFor('the alerts', async () => teams.posts.length > 0 && smtp.mails.length > 0, {
      timeoutMs: 30_000,
    });
    expect(cardText(teams.posts.at(-1)!).urls).toContain(reportLink);
    expect(smtp.mails.at(-1)!.to).toEqual(['data-ops@example.com']);
    expect(smtp.mails.at(-1)!.text).toContain(reportLink);
  });

  it.each(EXCLUSIVE_FILE_ERRORS)(
    'quarantines a file with %s whole, with high or medium criticality',
    async (type) => {
      const { manifest } = corruptedFile(paths.rawData, `${type}.csv`, [type], { rows: 200 });
      const { id, handle } = await start();
      expect(await handle.result()).toMatchObject({ state: 'success' });
      const files = await db.pool.query(
        `SELECT row_count, valid_rows, invalid_rows, criticality FROM ingested_files WHERE run_id = $1`,
        [id],
      );
      expect(files.rows).toHaveLength(1);
      expect(files.rows[0]).toMatchObject({ row_count: manifest.rowCount, valid_rows: 0 });
      expect(['high', 'medium']).toContain(files.rows[0].criticality);
      expect(fs.readdirSync(paths.goodData)).toEqual([]);
      expect(fs.readdirSync(paths.badData)).toHaveLength(1);
    },
  );

  it('ends as skipped, in Postgres and in the search attribute, when raw-data is empty', async () => {
    const { id, handle } = await start();
    expect(await handle.result()).toMatchObject({ state: 'skipped' });
    const run = await db.pool.query(`SELECT state FROM dag_runs WHERE run_id = $1`, [id]);
    expect(run.rows).toEqual([{ state: 'skipped' }]);
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(DAG_RUN_STATUS)).toBe('skipped');
  });

  it('gives two runs started together two different files', async () => {
    for (const name of ['a.csv', 'b.csv']) {
      writeCsv(path.join(paths.rawData, name), cleanTable(500, name === 'a.csv' ? 1 : 10_001));
    }
    const runs = await Promise.all([start(), start()]);
    const results = await Promise.all(runs.map((r) => r.handle.result()));
    expect(results.map((r) => r.state)).toEqual(['success', 'success']);
    const files = await db.pool.query(
      `SELECT file_name FROM ingested_files WHERE run_id = ANY($1) ORDER BY file_name`,
      [runs.map((r) => r.id)],
    );
    expect(files.rows.map((r) => r.file_name)).toEqual(['a.csv', 'b.csv']);
    expect(fs.readdirSync(paths.rawData)).toEqual([]);
    expect((await splitRows()).good).toHaveLength(1_000);
  });

  it('finishes a run whose worker was killed mid-run, with no duplicate statistics and no lost or doubled file', async () => {
    writeCsv(path.join(paths.rawData, 'big.csv'), cleanTable(600_000, 1));
    const { id, handle } = await start();
    await waitFor(
      'validate-data to be running',
      async () => {
        const { rows } = await db.pool.query(
          `SELECT 1 FROM task_instances WHERE run_id = $1 AND task_id = 'validate-data' AND state = 'running'`,
          [id],
        );
        return rows.length > 0;
      },
      { timeoutMs: 60_000, intervalMs: 10 },
    );
    await worker.kill();
    worker = await startWorkerProcess(env);
    expect(await handle.result()).toMatchObject({ state: 'success' });

    const files = await db.pool.query(`SELECT row_count FROM ingested_files WHERE run_id = $1`, [id]);
    expect(files.rows).toEqual([{ row_count: 600_000 }]);
    expect(fs.readdirSync(paths.goodData)).toEqual(['big.csv']);
    expect(fs.readdirSync(paths.badData)).toEqual([]);
    expect(fs.readdirSync(paths.rawData)).toEqual([]);
    const good = (await splitRows()).good;
    expect(good).toHaveLength(600_000);
    expect(new Set(good).size).toBe(600_000);
    const retried = await db.pool.query(
      `SELECT max(try_number)::int AS tries FROM task_instances WHERE run_id = $1`,
      [id],
    );
    expect(retried.rows[0].tries).toBeGreaterThanOrEqual(2);
  }, 180_000);
});
