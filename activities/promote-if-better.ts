import fs from 'node:fs';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { promoteModel, rejectCandidate } from '../core/model';
import { activityDeps } from './deps';
import type { Evaluation } from './evaluate-against-active';
import { retrainingParams, type TrainingSlice } from './retraining-params';
import { upstreamOutput } from './train-candidate';

export interface PromotionOutcome {
  promoted: boolean;
  modelId: string;
  replaced?: string;
  reason: string;
}

const mae = (value: number) => value.toFixed(3);

/** Why the candidate goes live or not, in words recorded with the promotion and the task. */
function verdict(evaluation: Evaluation, force: boolean): { promote: boolean; reason: string } {
  const { candidate, active, holdoutWindow } = evaluation;
  const on = `on the holdout ${holdoutWindow.from} to ${holdoutWindow.to} (${candidate.rows} rows)`;
  const compared = active
    ? `candidate MAE ${mae(candidate.mae)} vs active ${active.modelId} ${mae(active.mae)} ${on}`
    : `${evaluation.activeProblem ?? 'no model was active'}; candidate MAE ${mae(candidate.mae)} ${on}`;
  if (active?.modelId === candidate.modelId)
    return {
      promote: false,
      reason: `the candidate is the active model (same window and parameters): ${compared}`,
    };
  if (evaluation.better) return { promote: true, reason: `better: ${compared}` };
  if (force) return { promote: true, reason: `forced (params.force) although not better: ${compared}` };
  return { promote: false, reason: `not better: ${compared}` };
}

/**
 * Promotes the candidate when it beat the active model on the holdout, or when the run was forced;
 * otherwise marks it rejected. The registry records the run as the actor and the comparison as the
 * reason. The slice file is removed: the artifact and the registry keep what was learnt from it.
 */
export async function promoteIfBetter(context: TaskContext): Promise<TaskResult<PromotionOutcome>> {
  const { db } = activityDeps();
  const { force } = retrainingParams(context.params);
  const slice = upstreamOutput<TrainingSlice>(context, 'select-training-window');
  const evaluation = upstreamOutput<Evaluation>(context, 'evaluate-against-active');
  const { promote, reason } = verdict(evaluation, force);
  const modelId = evaluation.candidate.modelId;
  let outcome: PromotionOutcome = { promoted: false, modelId, reason };
  if (promote) {
    const actor = `dag ${context.dagId} (run ${context.runId}${force ? ', forced' : ''})`;
    const { replaced } = await promoteModel(db.pool, modelId, actor, reason);
    outcome = { promoted: true, modelId, ...(replaced ? { replaced } : {}), reason };
  } else {
    await rejectCandidate(db.pool, modelId);
  }
  fs.rmSync(slice.dataFile, { force: true });
  return { output: outcome };
}
