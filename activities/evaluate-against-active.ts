import { ApplicationFailure } from '@temporalio/common';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { NON_RETRYABLE } from '../core/dag/task';
import { activeSpec, parseDateTime } from '../core/feature-spec';
import {
  ArtifactError,
  activeModel,
  FeatureEncoder,
  loadRegisteredModel,
  type ModelArtifact,
  predictorFor,
  readArtifact,
} from '../core/model';
import { loadWindows } from '../core/model/load-dataset';
import { type Metrics, regressionMetrics } from '../core/model/metrics';
import { dataPaths } from '../core/paths';
import { activityDeps } from './deps';
import type { NaiveWindow, TrainedCandidate, TrainingSlice } from './retraining-params';
import { upstreamOutput } from './train-candidate';

export interface Evaluation {
  holdoutWindow: NaiveWindow;
  candidate: { modelId: string } & Metrics;
  /** Null when no model is active, or the active one cannot be loaded (`activeProblem` says why). */
  active: ({ modelId: string } & Metrics) | null;
  activeProblem?: string;
  /** The candidate's holdout MAE is lower than the active model's (or there is no active model). */
  better: boolean;
}

/** A model's MAE and RMSE on the holdout rows of the slice, encoded with the model's own features. */
async function holdoutMetrics(
  artifact: ModelArtifact,
  dataFile: string,
  window: NaiveWindow,
): Promise<Metrics> {
  const predictor = predictorFor(activeSpec, artifact);
  const encoder = new FeatureEncoder(activeSpec, predictor.defs);
  const holdout = { from: parseDateTime(window.from), to: parseDateTime(window.to) };
  const { windows } = await loadWindows(dataFile, activeSpec, encoder, { holdout });
  return regressionMetrics(windows.holdout.labels, predictor.predictMatrix(windows.holdout.features));
}

/**
 * Scores the candidate and the active model on the same holdout rows (the later part of the slice,
 * which the candidate was not fit on), so the comparison is like for like whatever window the active
 * model was trained on.
 */
export async function evaluateAgainstActive(context: TaskContext): Promise<TaskResult<Evaluation>> {
  const { config, db } = activityDeps();
  const slice = upstreamOutput<TrainingSlice>(context, 'select-training-window');
  const trained = upstreamOutput<TrainedCandidate>(context, 'train-candidate');
  let candidateArtifact: ModelArtifact;
  try {
    candidateArtifact = readArtifact(trained.artifactPath);
  } catch (error) {
    throw ApplicationFailure.nonRetryable((error as Error).message, NON_RETRYABLE.badData);
  }
  const candidate = await holdoutMetrics(candidateArtifact, slice.dataFile, slice.holdoutWindow);

  const registered = await activeModel(db.pool);
  let active: Evaluation['active'] = null;
  let activeProblem: string | undefined;
  if (registered) {
    try {
      const loaded = loadRegisteredModel(activeSpec, registered, dataPaths(config.dataDir).models);
      const metrics = await holdoutMetrics(loaded.artifact, slice.dataFile, slice.holdoutWindow);
      active = { modelId: registered.id, ...metrics };
    } catch (error) {
      if (!(error instanceof ArtifactError) && !/artifact .* is missing/.test((error as Error).message))
        throw error;
      activeProblem = `the active model ${registered.id} cannot be loaded: ${(error as Error).message}`;
    }
  }
  return {
    output: {
      holdoutWindow: slice.holdoutWindow,
      candidate: { modelId: trained.modelId, ...candidate },
      active,
      ...(activeProblem ? { activeProblem } : {}),
      better: active === null || candidate.mae < active.mae,
    },
  };
}
