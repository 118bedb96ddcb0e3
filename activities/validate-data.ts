import fs from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE, type TaskContext, type TaskResult } from '../core/dag/task';
import { exists } from '../core/files/atomic';
import { activeSpec } from '../core/feature-spec';
import { dataPaths } from '../core/paths';
import {
  type CompiledSuite,
  loadSuite,
  readValidationResult,
  SuiteError,
  type ValidationResult,
  validateFile,
  writeValidation,
} from '../core/validation';
import { activityDeps } from './deps';
import { type ReadDataOutput, reportIdOf, upstreamOutput, type ValidateDataOutput } from './ingestion-files';

const suites = new Map<string, CompiledSuite>();

/** The configured suite, compiled once per process; a bad suite file is a BadConfig failure. */
export function configuredSuite(suiteFile: string | undefined): CompiledSuite {
  const key = suiteFile ?? '(default)';
  let suite = suites.get(key);
  if (!suite) {
    try {
      suite = loadSuite(activeSpec, suiteFile);
    } catch (error) {
      if (error instanceof SuiteError)
        throw ApplicationFailure.nonRetryable(error.message, NON_RETRYABLE.badConfig);
      throw error;
    }
    suites.set(key, suite);
  }
  return suite;
}

function outputOf(
  claim: ReadDataOutput,
  reportId: string,
  paths: { resultPath: string; verdictsPath: string },
  result: ValidationResult,
): ValidateDataOutput {
  const { meta } = result;
  return {
    ...claim,
    reportId,
    ...paths,
    rowCount: meta.row_count,
    goodRows: meta.good_row_count,
    badRows: meta.bad_row_count,
    criticality: meta.criticality,
    parseable: meta.parseable,
  };
}

/**
 * Task `validate-data`: runs the expectation suite over the claimed file. A file that is not CSV is
 * a result like any other (every row bad, high), never a failure. The result goes to
 * `reports/<id>.json` (it outlives the claimed file, which the split removes while the statistics and
 * alert tasks may still be reading) and the row verdicts beside the claimed file; a retry that finds
 * the result reuses it.
 */
export async function validateData(context: TaskContext): Promise<TaskResult<ValidateDataOutput>> {
  const { config } = activityDeps();
  const claim = upstreamOutput<ReadDataOutput>(context, 'read-data', 'claimedFile');
  const paths = dataPaths(config.dataDir);
  const reportId = reportIdOf(claim.fileName, context.runId);
  const files = {
    resultPath: path.join(paths.reports, `${reportId}.json`),
    verdictsPath: path.join(claim.claimDir, 'verdicts.bin'),
  };
  if ((await exists(files.resultPath)) && (await exists(files.verdictsPath))) {
    return { output: outputOf(claim, reportId, files, await readValidationResult(files.resultPath)) };
  }
  if (!(await exists(claim.claimedFile))) {
    throw ApplicationFailure.nonRetryable(
      `the claimed file ${claim.claimedFile} is gone`,
      NON_RETRYABLE.badData,
    );
  }
  const suite = configuredSuite(config.expectationSuite);
  const validation = await validateFile(claim.claimedFile, suite, {
    fileName: claim.fileName,
    runId: context.runId,
  });
  await fs.mkdir(paths.reports, { recursive: true });
  await writeValidation(files, validation);
  return { output: outputOf(claim, reportId, files, validation.result) };
}
