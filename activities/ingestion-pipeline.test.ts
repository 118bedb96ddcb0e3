import fs from 'node:fs';
import path from 'node:path';
import { ERROR_TYPES } from '../cli/data/error-types';
import { readRecords } from '../core/csv/read-records';
import { corruptedFile } from '../tests/support/flight-files';
import { emptyFolders, useIngestionHarness } from '../tests/support/ingestion';
import type { ReadDataOutput, ValidateDataOutput } from './ingestion-files';
import { readData } from './read-data';
import { saveStatistics } from './save-statistics';
import { sendAlerts } from './send-alerts';
import { splitAndSaveData } from './split-and-save-data';
import { validateData } from './validate-data';

const harness = useIngestionHarness();

/** Runs the ingestion tasks in the DAG's order, the last three side by side, as the runtime does. */
async function ingest(runId: string) {
  const { context } = harness();
  const read = await readData(context(runId, 'read-data'));
  if (read.skip) throw new Error(`the run was skipped: ${read.skip}`);
  const validated = await validateData(context(runId, 'validate-data', { 'read-data': read.output }));
  const upstream = { 'read-data': read.output, 'validate-data': validated.output };
  const [statistics, alerts, split] = await Promise.all([
    saveStatistics(context(runId, 'save-statistics', upstream)),
    sendAlerts(context(runId, 'send-alerts', upstream)),
    splitAndSaveData(context(runId, 'split-and-save-data', upstream)),
  ]);
  return {
    read: read.output as ReadDataOutput,
    validated: validated.output as ValidateDataOutput,
    upstream,
    statistics: statistics.output!,
    alerts: alerts.output!,
    split: split.output!,
  };
}

async function dataRows(file: string | null): Promise<string[][]> {
  if (!file) return [];
  return (await readRecords(file)).records.slice(1).map((r) => r.fields);
}

async function statisticsOf(runId: string) {
  const { pool } = harness().db;
  const files = await pool.query('SELECT * FROM ingested_files WHERE run_id = $1', [runId]);
  const issues = await pool.query(
    `SELECT i.* FROM data_quality_issues i JOIN ingested_files f ON f.id = i.ingested_file_id WHERE f.run_id = $1 ORDER BY i.id`,
    [runId],
  );
  return { files: files.rows, issues: issues.rows };
}

describe('the ingestion tasks, end to end on real files and a real database', () => {
  beforeEach(() => emptyFolders(harness().paths));

  it.each(ERROR_TYPES)(
    'ingests a file with %s: statistics match, rows are conserved, the claim is gone',
    async (type) => {
      const { manifest } = corruptedFile(harness().paths.rawData, `${type}.csv`, [type], { seed: 21 });
      const runId = `run-${type}`;
      const run = await ingest(runId);
      const bad = manifest.errors.flatMap((e) => e.rows);

      const { files, issues } = await statisticsOf(runId);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatchObject({
        file_name: `${type}.csv`,
        row_count: manifest.rowCount,
        invalid_rows: new Set(bad).size,
        valid_rows: manifest.rowCount - new Set(bad).size,
        criticality: run.validated.criticality,
        report_path: `/reports/${run.validated.reportId}`,
      });
      expect(issues).toHaveLength(Number(files[0].expectations));
      expect(issues.filter((i) => !i.success)).toHaveLength(Number(files[0].failed_expectations));

      const good = await dataRows(run.split.goodFile);
      const badRows = await dataRows(run.split.badFile);
      expect(good.length + badRows.length).toBe(manifest.rowCount);
      expect(badRows.map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual(
        [...new Set(bad)].sort((a, b) => a - b),
      );
      expect(fs.existsSync(run.read.claimDir)).toBe(false);
      expect(fs.existsSync(path.join(harness().paths.reports, `${run.validated.reportId}.html`))).toBe(true);
    },
  );

  it.each([
    ['an empty file', ''],
    ['a header-only file', 'flight_id,date,origin,destination,distance\n'],
    ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))],
    [
      'a file with the wrong delimiter',
      'flight_id;date;origin\n1;2001-04-01 07:15;ATL\n2;2001-04-01 07:16;JFK\n',
    ],
    ['unbalanced quotes', 'flight_id,date\n1,"2001-04-01 07:15\n2,2001-04-01 07:16\n3,x\n'],
  ])(
    'ingests %s without failing: every row accounted for, the file kept in bad-data',
    async (_name, contents) => {
      const file = path.join(harness().paths.rawData, 'hostile.csv');
      fs.writeFileSync(file, contents);
      const runId = `run-hostile-${_name}`;
      const run = await ingest(runId);
      const { files } = await statisticsOf(runId);
      expect(files[0]).toMatchObject({ valid_rows: 0, criticality: run.validated.criticality });
      expect(['medium', 'high']).toContain(run.validated.criticality);
      expect(run.split.goodFile).toBeNull();
      expect(run.split.goodRows + run.split.badRows).toBe(files[0].row_count);
      expect(files[0].invalid_rows).toBe(files[0].row_count);
      const kept = fs.readFileSync(run.split.badFile!);
      if (run.split.mode === 'unparseable' || run.validated.rowCount === 0)
        expect(kept).toEqual(Buffer.from(contents));
      else expect(await dataRows(run.split.badFile)).toHaveLength(files[0].row_count);
    },
  );

  it('changes nothing when any task is retried, before or after the run finished: no duplicate statistics or files', async () => {
    for (const name of ['retried-a.csv', 'retried-b.csv']) {
      corruptedFile(harness().paths.rawData, name, ['unknown_category', 'duplicated_rows']);
    }
    const { context } = harness();
    const runId = 'run-retried';
    // Before the split: read-data and validate-data find their own earlier work.
    const read = (await readData(context(runId, 'read-data'))).output!;
    const validated = (await validateData(context(runId, 'validate-data', { 'read-data': read }))).output!;
    expect((await readData(context(runId, 'read-data'))).output).toEqual(read);
    expect((await validateData(context(runId, 'validate-data', { 'read-data': read }))).output).toEqual(
      validated,
    );
    expect(fs.readdirSync(harness().paths.rawData)).toHaveLength(1);

    const upstream = { 'read-data': read, 'validate-data': validated };
    const tasks = () =>
      Promise.all([
        saveStatistics(context(runId, 'save-statistics', upstream)),
        sendAlerts(context(runId, 'send-alerts', upstream)),
        splitAndSaveData(context(runId, 'split-and-save-data', upstream)),
      ]);
    const first = await tasks();
    const before = await statisticsOf(runId);
    const listing = () =>
      [harness().paths.goodData, harness().paths.badData].map((d) => fs.readdirSync(d).sort());
    const filesBefore = listing();
    const goodBytes = fs.readFileSync(first[2].output!.goodFile!);

    // After: the three parallel tasks again.
    const again = await tasks();
    expect(again.map((r) => r.output)).toEqual(first.map((r) => r.output));
    const after = await statisticsOf(runId);
    expect(after.files).toEqual(before.files);
    const counts = (rows: Record<string, unknown>[]) =>
      rows.map(({ id: _id, created_at: _at, ...rest }) => rest);
    expect(counts(after.issues)).toEqual(counts(before.issues));
    expect(listing()).toEqual(filesBefore);
    expect(filesBefore).toEqual([[read.outputName], [read.outputName]]);
    expect(fs.readFileSync(first[2].output!.goodFile!)).toEqual(goodBytes);
  });

  it('finishes a split whose earlier attempt died after writing some outputs, replacing them', async () => {
    corruptedFile(harness().paths.rawData, 'interrupted.csv', ['malformed_timestamp']);
    const { context } = harness();
    const runId = 'run-interrupted';
    const read = (await readData(context(runId, 'read-data'))).output!;
    const validated = (await validateData(context(runId, 'validate-data', { 'read-data': read }))).output!;
    // What a killed attempt leaves: a bad-data file in place (renamed), the good one not yet.
    fs.writeFileSync(
      path.join(harness().paths.badData, validated.outputName),
      'half of an earlier attempt\n',
    );
    const split = (
      await splitAndSaveData(context(runId, 'split-and-save-data', { 'validate-data': validated }))
    ).output!;
    expect(split.mode).toBe('mixed');
    expect((await dataRows(split.badFile)).length + (await dataRows(split.goodFile)).length).toBe(
      validated.rowCount,
    );
    expect(fs.readdirSync(harness().paths.goodData)).toEqual([validated.outputName]);
  });
});
