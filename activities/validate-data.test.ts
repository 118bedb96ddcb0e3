import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { corruptedFile } from '../tests/support/flight-files';
import { emptyFolders, useIngestionHarness } from '../tests/support/ingestion';
import { readData } from './read-data';
import { validateData } from './validate-data';

const harness = useIngestionHarness();

async function claimed(runId: string) {
  return { 'read-data': (await readData(harness().context(runId, 'read-data'))).output! };
}

describe('validate-data', () => {
  beforeEach(() => emptyFolders(harness().paths));
  afterEach(() => harness().configure());

  it('writes the result with the reports and the row verdicts beside the claim, and passes their paths', async () => {
    const { manifest } = corruptedFile(harness().paths.rawData, 'v.csv', ['out_of_range'], {
      rowsPerError: 4,
    });
    const upstream = await claimed('run-v');
    const { output } = await validateData(harness().context('run-v', 'validate-data', upstream));
    expect(output).toMatchObject({
      fileName: 'v.csv',
      rowCount: manifest.rowCount,
      badRows: 4,
      goodRows: manifest.rowCount - 4,
      criticality: 'low',
      parseable: true,
    });
    expect(path.dirname(output!.resultPath)).toBe(harness().paths.reports);
    expect(path.dirname(output!.verdictsPath)).toBe(upstream['read-data'].claimDir);
    const result = JSON.parse(fs.readFileSync(output!.resultPath, 'utf8'));
    expect(result.meta).toMatchObject({ run_id: 'run-v', data_asset_name: 'v.csv', bad_row_count: 4 });
    expect(fs.statSync(output!.verdictsPath).size).toBe(manifest.rowCount * 4);
  });

  it('uses the suite file CONTRAIL_EXPECTATION_SUITE names', async () => {
    const suiteFile = path.join(harness().paths.root, 'suite.json');
    fs.writeFileSync(
      suiteFile,
      JSON.stringify({
        expectation_suite_name: 'flights.lenient',
        extends_default: true,
        remove: [{ expectation_type: 'expect_column_values_to_be_between', column: 'distance' }],
      }),
    );
    harness().configure({ CONTRAIL_EXPECTATION_SUITE: suiteFile });
    corruptedFile(harness().paths.rawData, 'lenient.csv', ['out_of_range'], { rowsPerError: 4 });
    const { output } = await validateData(
      harness().context('run-lenient', 'validate-data', await claimed('run-lenient')),
    );
    const result = JSON.parse(fs.readFileSync(output!.resultPath, 'utf8'));
    expect(result.meta.expectation_suite_name).toBe('flights.lenient');
    // The out-of-range distances are still whole numbers: nothing else in the suite rejects them.
    expect(output!.badRows).toBe(0);
  });

  it('fails for good, as BadConfig, when the suite file is wrong', async () => {
    const suiteFile = path.join(harness().paths.root, 'broken-suite.json');
    fs.writeFileSync(
      suiteFile,
      JSON.stringify({ expectation_suite_name: 's', expectations: [{ expectation_type: 'expect_nothing' }] }),
    );
    harness().configure({ CONTRAIL_EXPECTATION_SUITE: suiteFile });
    corruptedFile(harness().paths.rawData, 'c.csv', ['out_of_range']);
    const failure = await validateData(
      harness().context('run-c', 'validate-data', await claimed('run-c')),
    ).catch((e) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'BadConfig', nonRetryable: true });
    expect(failure.message).toMatch(/expect_nothing\) is not a known expectation type/);
  });

  it('fails for good, as BadConfig, when the DAG gives it no read-data output', async () => {
    const failure = await validateData(harness().context('run-x', 'validate-data', {})).catch((e) => e);
    expect(failure).toMatchObject({ type: 'BadConfig', nonRetryable: true });
  });
});
