import type { TaskContext, TaskResult } from '../core/dag/task';
import { type PruneOutcome, pruneOldFiles } from '../core/files/prune-old-files';
import { dataPaths } from '../core/paths';
import { activityDeps } from './deps';
import { retentionCutoff } from './retention';

/**
 * Task `prune-bad-data`: deletes quarantined files older than CONTRAIL_RETENTION_DAYS. Only
 * bad-data/: good data feeds predictions and retraining, and is kept.
 */
export async function pruneBadData(
  context: TaskContext,
): Promise<TaskResult<PruneOutcome & { olderThan: string }>> {
  const { config } = activityDeps();
  const cutoff = retentionCutoff(context, config.retention.days);
  const outcome = await pruneOldFiles(dataPaths(config.dataDir).badData, cutoff);
  return { output: { ...outcome, olderThan: cutoff.toISOString() } };
}
