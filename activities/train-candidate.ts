import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { NON_RETRYABLE } from '../core/dag/task';
import { readArtifact, registerModel } from '../core/model';
import { dataPaths } from '../core/paths';
import { activityDeps } from './deps';
import { retrainingParams, type TrainedCandidate, type TrainingSlice } from './retraining-params';
import { ThreadTrainingError, trainInThread } from './train-in-thread';

/** The output of the task a retraining task depends on, or a permanent failure naming it. */
export function upstreamOutput<T>(context: TaskContext, taskId: string): T {
  const output = context.upstream[taskId];
  if (output === undefined)
    throw ApplicationFailure.nonRetryable(
      `${context.taskId} needs the output of ${taskId} (by hand: contrail run ${context.dagId} ${context.taskId} --from-run <run>)`,
      NON_RETRYABLE.badConfig,
    );
  return output as T;
}

/**
 * Trains the candidate on the slice's training part, validated on its holdout, in a worker thread
 * so the activity keeps heartbeating (each heartbeat carries the fit's progress) and a
 * cancellation stops the fit at once. Registers it as a candidate.
 */
export async function trainCandidate(context: TaskContext): Promise<TaskResult<TrainedCandidate>> {
  const { config, db } = activityDeps();
  const params = retrainingParams(context.params);
  const slice = upstreamOutput<TrainingSlice>(context, 'select-training-window');
  const activity = Context.current();
  const { file } = await trainInThread(
    {
      dataFile: slice.dataFile,
      modelsDir: dataPaths(config.dataDir).models,
      trainWindow: slice.trainWindow,
      validationWindow: slice.holdoutWindow,
      params: params.modelParams,
    },
    (event) => activity.heartbeat(event),
    activity.cancellationSignal,
  ).catch((error: unknown) => {
    if (error instanceof ThreadTrainingError && error.permanent)
      throw ApplicationFailure.nonRetryable(error.message, NON_RETRYABLE.badData);
    throw error;
  });
  const artifact = readArtifact(file);
  await registerModel(db.pool, artifact, file);
  return {
    output: {
      modelId: artifact.id,
      artifactPath: file,
      validationMae: artifact.metrics.validation.mae,
      trainingSeconds: artifact.metrics.trainingSeconds,
    },
  };
}
