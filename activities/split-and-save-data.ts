import fs from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE, type TaskContext, type TaskResult } from '../core/dag/task';
import { exists, writeFileAtomic } from '../core/files/atomic';
import { dataPaths } from '../core/paths';
import {
  readValidationResult,
  readVerdicts,
  SplitError,
  type SplitOutcome,
  splitFile,
} from '../core/validation';
import { activityDeps } from './deps';
import { upstreamOutput, type ValidateDataOutput } from './ingestion-files';

const SPLIT_RECORD = 'split.json';

/**
 * Task `split-and-save-data`: no bad rows, the file goes to good-data; all bad, to bad-data; mixed,
 * good rows to good-data and bad rows to bad-data with their reasons beside them. Good + bad rows
 * always equal the input's. Outputs appear by rename, never half-written; then the claim is removed.
 * A retry redoes the split (renames replace its own earlier outputs) or, once the claim is gone,
 * reports the outputs already in place.
 */
export async function splitAndSaveData(context: TaskContext): Promise<TaskResult<SplitOutcome>> {
  const { config } = activityDeps();
  const validated = upstreamOutput<ValidateDataOutput>(context, 'validate-data', 'verdictsPath');
  const paths = dataPaths(config.dataDir);
  const goodPath = path.join(paths.goodData, validated.outputName);
  const badPath = path.join(paths.badData, validated.outputName);
  const record = path.join(validated.claimDir, SPLIT_RECORD);

  let outcome = await fs.readFile(record, 'utf8').then(
    (text) => JSON.parse(text) as SplitOutcome,
    () => undefined,
  );
  if (!outcome && !(await exists(validated.claimedFile))) {
    outcome = await outputsInPlace(validated, goodPath, badPath);
  }
  if (!outcome) {
    const result = await readValidationResult(validated.resultPath);
    const verdicts = await readVerdicts(validated.verdictsPath, result);
    await Promise.all([
      fs.mkdir(paths.goodData, { recursive: true }),
      fs.mkdir(paths.badData, { recursive: true }),
    ]);
    try {
      outcome = await splitFile({ file: validated.claimedFile, result, verdicts, goodPath, badPath });
    } catch (error) {
      if (error instanceof SplitError)
        throw ApplicationFailure.nonRetryable(error.message, NON_RETRYABLE.badData);
      throw error;
    }
    await writeFileAtomic(record, JSON.stringify(outcome));
  }
  await fs.rm(validated.claimDir, { recursive: true, force: true });
  return { output: outcome };
}

/** The claim is gone: an earlier attempt finished the split. Its outputs tell what it did. */
async function outputsInPlace(
  validated: ValidateDataOutput,
  goodPath: string,
  badPath: string,
): Promise<SplitOutcome> {
  const [good, bad] = [await exists(goodPath), await exists(badPath)];
  if (!good && !bad) {
    throw ApplicationFailure.nonRetryable(
      `the claimed file ${validated.claimedFile} is gone and neither ${goodPath} nor ${badPath} exists`,
      NON_RETRYABLE.badData,
    );
  }
  const mode = !validated.parseable ? 'unparseable' : good && bad ? 'mixed' : good ? 'all_good' : 'all_bad';
  return {
    mode,
    goodFile: good ? goodPath : null,
    badFile: bad ? badPath : null,
    goodRows: validated.goodRows,
    badRows: validated.badRows,
  };
}
