import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRecords } from '../core/csv/read-records';
import { readValidationResult, REASON_COLUMNS } from '../core/validation';
import {
  FIXTURES,
  HOSTILE_CASES,
  type HostileCase,
  LARGE_CASE,
  placeInRawData,
} from '../tests/hostile/corpus';
import { dataRowCount, runIngestionTasks } from '../tests/support/ingest-run';
import { emptyFolders, useIngestionHarness } from '../tests/support/ingestion';

const harness = useIngestionHarness();
let scratch = '';
beforeAll(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-hostile-'))));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function ingestCase(testCase: HostileCase, runId: string) {
  const { paths } = harness();
  emptyFolders(paths);
  const rawName = placeInRawData(testCase, paths.rawData, scratch);
  const original = fs.statSync(path.join(paths.rawData, rawName)).size;
  const run = await runIngestionTasks(harness(), runId);
  const result = await readValidationResult(run.validated.resultPath);
  const { rows: statistics } = await harness().db.pool.query(
    'SELECT file_name, row_count, valid_rows, invalid_rows FROM ingested_files WHERE run_id = $1',
    [runId],
  );
  return { rawName, original, run, result, statistics };
}

/** Every bad row carries its index and at least one reason in words. */
async function expectReasonsOnEveryBadRow(badFile: string, rows: number) {
  const { records } = await readRecords(badFile);
  expect(records[0]!.fields.slice(0, REASON_COLUMNS.length)).toEqual([...REASON_COLUMNS]);
  expect(records).toHaveLength(rows + 1);
  for (const record of records.slice(1)) expect(record.fields[1]).toMatch(/[a-z]{3,} /);
}

describe('the hostile file corpus, through the real ingestion tasks', () => {
  it('holds at least 30 cases, each with a distinct raw name', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(HOSTILE_CASES.map((c) => c.name)).size).toBe(HOSTILE_CASES.length);
  });

  it.each(HOSTILE_CASES.map((c, i) => [c.name, c, i] as const))(
    '%s: ends where it should, with its reasons, every row accounted for',
    async (_name, testCase, i) => {
      const { paths } = harness();
      const { rawName, original, run, result, statistics } = await ingestCase(testCase, `run-hostile-${i}`);

      // Nothing left behind: raw-data and the claim are empty, the statistics name the file as it came.
      expect(fs.readdirSync(paths.rawData)).toEqual([]);
      expect(fs.readdirSync(paths.claimed)).toEqual([]);
      expect(statistics).toEqual([
        expect.objectContaining({ file_name: rawName, row_count: run.validated.rowCount }),
      ]);
      expect(result.success).toBe(false);
      expect(result.meta.criticality_reasons.length).toBeGreaterThan(0);
      const failed = result.results.filter((r) => !r.success);
      expect(failed.length).toBeGreaterThan(0);
      for (const r of failed) expect(r.reason).toMatch(/[a-z]{3,} /);
      expect(run.split.goodRows + run.split.badRows).toBe(run.validated.rowCount);

      if (testCase.outcome.kind === 'kept') {
        expect(run.split).toMatchObject({ mode: 'all_good', goodRows: testCase.outcome.good, badRows: 0 });
        expect(failed.map((r) => r.expectation_config.expectation_type)).toContain(
          testCase.outcome.failedExpectation,
        );
        expect(fs.statSync(run.split.goodFile!).size).toBe(original);
        return;
      }
      expect(path.dirname(run.split.badFile!)).toBe(paths.badData);
      if (testCase.outcome.kind === 'quarantined') {
        expect(run.split.mode === 'all_bad' || run.split.mode === 'unparseable').toBe(true);
        expect(run.split.goodFile).toBeNull();
        expect(fs.readdirSync(paths.goodData)).toEqual([]);
        expect(statistics[0].valid_rows).toBe(0);
        if (run.split.mode === 'unparseable' || run.validated.rowCount === 0) {
          expect(fs.statSync(run.split.badFile!).size).toBe(original);
          if (run.split.mode === 'unparseable') expect(result.meta.parse_error).toMatch(/[a-z]{3,} /);
        } else {
          await expectReasonsOnEveryBadRow(run.split.badFile!, run.validated.rowCount);
        }
      } else {
        const { good, bad } = testCase.outcome;
        expect(run.split).toMatchObject({ mode: 'mixed', goodRows: good, badRows: bad });
        expect(statistics[0]).toMatchObject({ valid_rows: good, invalid_rows: bad });
        expect(path.dirname(run.split.goodFile!)).toBe(paths.goodData);
        expect(await dataRowCount(run.split.goodFile)).toBe(good);
        await expectReasonsOnEveryBadRow(run.split.badFile!, bad);
      }
    },
  );

  it('leaves a name starting with a dot alone: an upload in progress, renamed when complete', async () => {
    const { paths } = harness();
    emptyFolders(paths);
    fs.copyFileSync(path.join(FIXTURES, 'ragged-rows.csv'), path.join(paths.rawData, '..%2F..%2Fpasswd.csv'));
    await expect(runIngestionTasks(harness(), 'run-dotfile')).rejects.toThrow(
      /skipped: raw-data has no files/,
    );
    expect(fs.readdirSync(paths.rawData)).toEqual(['..%2F..%2Fpasswd.csv']);
  });

  it(`${LARGE_CASE.name}: split in bounded chunks, every row accounted for`, async () => {
    const { paths } = harness();
    const { run, statistics } = await ingestCase(
      { ...LARGE_CASE, outcome: { kind: 'quarantined' } },
      'run-large',
    );
    const rows = run.validated.rowCount;
    expect(rows).toBeGreaterThan(1_000);
    expect(run.split.mode).toBe('mixed');
    expect(statistics[0]).toMatchObject({ row_count: rows, valid_rows: run.split.goodRows });
    expect(await dataRowCount(run.split.goodFile)).toBe(run.split.goodRows);
    expect(await dataRowCount(run.split.badFile)).toBe(run.split.badRows);
    expect(run.split.goodRows + run.split.badRows).toBe(rows);
    expect(fs.readdirSync(paths.claimed)).toEqual([]);
  }, 600_000);
});
