import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { NON_RETRYABLE } from '../core/dag/task';
import { activeSpec } from '../core/feature-spec';
import { dataPaths } from '../core/paths';
import { activityDeps } from './deps';
import { retrainingParams, type TrainingSlice } from './retraining-params';
import { buildTrainingSlice, SliceError } from './training-slice';

/** Where a run's slice is written: one file per run, so a retry rewrites its own and no other. */
export function sliceFile(datasetsDir: string, runId: string): string {
  return path.join(datasetsDir, 'retraining', `${runId.replace(/[^\w.-]+/g, '_')}.csv`);
}

/**
 * The retraining DAG's first task: the training slice (recent good data with labels joined by id)
 * and its holdout. Too few labelled rows in either part: the run ends skipped, with the counts.
 */
export async function selectTrainingWindow(context: TaskContext): Promise<TaskResult<TrainingSlice>> {
  const { config } = activityDeps();
  const params = retrainingParams(context.params);
  const paths = dataPaths(config.dataDir);
  let slice: TrainingSlice | undefined;
  try {
    slice = await buildTrainingSlice({
      spec: activeSpec,
      goodDir: paths.goodData,
      labelsFile: path.join(paths.datasets, `${activeSpec.id}.csv`),
      windowDays: params.windowDays,
      holdoutDays: params.holdoutDays,
      outFile: sliceFile(paths.datasets, context.runId),
    });
  } catch (error) {
    if (error instanceof SliceError)
      throw ApplicationFailure.nonRetryable(error.message, NON_RETRYABLE.badConfig);
    throw error;
  }
  if (!slice) return { skip: 'no good data to train on: good-data/ holds no rows' };
  const short = [
    slice.trainRows < params.minTrainRows
      ? `${slice.trainRows} labelled training rows (${slice.trainWindow.from} to ${slice.trainWindow.to}), need ${params.minTrainRows}`
      : '',
    slice.holdoutRows < params.minHoldoutRows
      ? `${slice.holdoutRows} labelled holdout rows (${slice.holdoutWindow.from} to ${slice.holdoutWindow.to}), need ${params.minHoldoutRows}`
      : '',
  ].filter(Boolean);
  if (short.length > 0) {
    const unlabelled = slice.unlabelledRows > 0 ? ` (${slice.unlabelledRows} rows had no label)` : '';
    return { skip: `too little labelled data: ${short.join('; ')}${unlabelled}` };
  }
  return { output: slice };
}
