import fs from 'node:fs';
import path from 'node:path';
import { emptyFolders, useIngestionHarness } from '../tests/support/ingestion';
import { type ReadDataOutput, runKey } from './ingestion-files';
import { readData } from './read-data';
import { saveStatistics } from './save-statistics';
import { validateData } from './validate-data';

const harness = useIngestionHarness();
const CSV = 'flight_id,date,origin,destination,distance\n1,2001-04-01 07:15,ATL,FLL,581\n';

const claim = async (runId: string) => (await readData(harness().context(runId, 'read-data'))).output;

/** A run that claimed `name`, validated it and saved its statistics, then ended in `state`. */
async function runThatStopped(runId: string, name: string, state: string, minutesAgo: number) {
  fs.writeFileSync(path.join(harness().paths.rawData, name), CSV);
  const read = (await claim(runId))!;
  const validated = await validateData(harness().context(runId, 'validate-data', { 'read-data': read }));
  const upstream = { 'read-data': read, 'validate-data': validated.output };
  await saveStatistics(harness().context(runId, 'save-statistics', upstream));
  await harness().db.pool.query(
    `INSERT INTO dag_runs (run_id, dag_id, logical_time, run_type, state, ended_at)
     VALUES ($1, 'ingestion', now(), 'scheduled', $2, now() - make_interval(mins => $3))`,
    [runId, state, minutesAgo],
  );
  return read;
}

const statistics = async (runId: string) =>
  (await harness().db.pool.query('SELECT 1 FROM ingested_files WHERE run_id = $1', [runId])).rowCount;
const raw = () => fs.readdirSync(harness().paths.rawData).sort();

describe('abandoned claims', () => {
  beforeEach(() => emptyFolders(harness().paths));

  it('puts the file of a run that failed 10+ minutes ago back, and the next run ingests it', async () => {
    const failed = await runThatStopped('run-failed-long-ago', 'late.csv', 'failed', 20);
    expect(await statistics('run-failed-long-ago')).toBe(1);
    const next = await claim('run-next');
    expect(next).toMatchObject({ fileName: 'late.csv' });
    expect(fs.readFileSync(next!.claimedFile, 'utf8')).toBe(CSV);
    expect(fs.existsSync(failed.claimDir)).toBe(false);
    // Counted once, when it is ingested: the failed run's statistics went with the file.
    expect(await statistics('run-failed-long-ago')).toBe(0);
  });

  it('leaves the claims of recent failures, running runs and successful runs where they are', async () => {
    const claims: ReadDataOutput[] = [
      await runThatStopped('run-failed-just-now', 'a.csv', 'failed', 1),
      await runThatStopped('run-still-running', 'b.csv', 'running', 30),
      await runThatStopped('run-succeeded', 'c.csv', 'success', 30),
    ];
    expect(await claim('run-next')).toBeUndefined();
    for (const c of claims) expect(fs.existsSync(c.claimedFile)).toBe(true);
    expect(raw()).toEqual([]);
  });

  it('leaves a claim whose split had begun writing outputs, for a person', async () => {
    const failed = await runThatStopped('run-failed-mid-split', 'split.csv', 'failed', 20);
    fs.writeFileSync(path.join(harness().paths.goodData, failed.outputName), CSV);
    expect(await claim('run-next')).toBeUndefined();
    expect(fs.existsSync(failed.claimedFile)).toBe(true);
    expect(await statistics('run-failed-mid-split')).toBe(1);
  });

  it('never replaces a file that arrived in raw-data under the same name meanwhile', async () => {
    await runThatStopped('run-failed-twin', 'twin.csv', 'failed', 20);
    fs.writeFileSync(path.join(harness().paths.rawData, 'twin.csv'), 'newer');
    const next = (await claim('run-next'))!;
    const files = new Map(
      raw().map((n) => [n, fs.readFileSync(path.join(harness().paths.rawData, n), 'utf8')]),
    );
    files.set(next.fileName, fs.readFileSync(next.claimedFile, 'utf8'));
    expect(Object.fromEntries(files)).toEqual({
      'twin.csv': 'newer',
      [`twin--returned-from-${runKey('run-failed-twin')}.csv`]: CSV,
    });
  });
});
