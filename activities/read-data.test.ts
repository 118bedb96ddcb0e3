import fs from 'node:fs';
import path from 'node:path';
import { emptyFolders, useIngestionHarness } from '../tests/support/ingestion';
import type { ReadDataOutput } from './ingestion-files';
import { readData } from './read-data';

const harness = useIngestionHarness();

function rawFiles(names: string[]): void {
  for (const name of names) fs.writeFileSync(path.join(harness().paths.rawData, name), `id\n${name}\n`);
}

const claim = async (runId: string) => readData(harness().context(runId, 'read-data'));

describe('read-data', () => {
  beforeEach(() => emptyFolders(harness().paths));

  it('claims one raw file into the run’s own folder under claimed/', async () => {
    rawFiles(['a.csv']);
    const { output, skip } = await claim('run-claim');
    expect(skip).toBeUndefined();
    expect(output).toMatchObject({ fileName: 'a.csv', outputName: 'a.csv', bytes: 'id\na.csv\n'.length });
    expect(fs.readFileSync(output!.claimedFile, 'utf8')).toBe('id\na.csv\n');
    expect(path.dirname(path.dirname(output!.claimedFile))).toBe(harness().paths.claimed);
    expect(fs.readdirSync(harness().paths.rawData)).toEqual([]);
  });

  it('ends the run as skipped when raw-data is empty, leaving no claim folder', async () => {
    rawFiles(['.uploading.csv']);
    expect(await claim('run-empty')).toEqual({ skip: 'raw-data has no files' });
    expect(fs.readdirSync(harness().paths.claimed)).toEqual([]);
  });

  it('gives a retry of the same run the file it already claimed, and takes nothing more', async () => {
    rawFiles(['a.csv', 'b.csv', 'c.csv']);
    const first = await claim('run-retry');
    const again = await claim('run-retry');
    expect(again.output).toEqual(first.output);
    expect(fs.readdirSync(harness().paths.rawData)).toHaveLength(2);
  });

  it('recovers a claim whose attempt was killed between the rename and writing its record', async () => {
    rawFiles(['a.csv', 'b.csv']);
    const first = (await claim('run-killed')).output!;
    fs.rmSync(path.join(first.claimDir, 'claim.json'));
    const again = await claim('run-killed');
    expect(again.output).toEqual(first);
  });

  it('never gives two runs the same file, however many claim at once', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `f${i}.csv`);
    rawFiles(names);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => claim(`run-race-${i}`)));
    const claimed = results.flatMap((r) => (r.output ? [r.output.fileName] : []));
    expect(claimed.sort()).toEqual(names);
    expect(results.filter((r) => r.skip !== undefined)).toHaveLength(4);
    const contents = results.flatMap((r) =>
      r.output ? [fs.readFileSync(r.output.claimedFile, 'utf8')] : [],
    );
    expect(new Set(contents).size).toBe(6);
  });

  it('names its outputs apart when good-data or bad-data already holds a file by that name', async () => {
    rawFiles(['again.csv']);
    fs.writeFileSync(path.join(harness().paths.goodData, 'again.csv'), 'an earlier file\n');
    const output = (await claim('run-again')).output as ReadDataOutput;
    expect(output.outputName).toMatch(/^again--run-again-[0-9a-f]{8}\.csv$/);
  });
});
