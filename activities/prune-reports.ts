import type { TaskContext, TaskResult } from '../core/dag/task';
import { type PruneOutcome, pruneOldFiles } from '../core/files/prune-old-files';
import { dataPaths } from '../core/paths';
import { activityDeps } from './deps';
import { retentionCutoff } from './retention';

/** Task `prune-reports`: deletes data-quality reports (HTML and JSON) older than CONTRAIL_RETENTION_DAYS. */
export async function pruneReports(
  context: TaskContext,
): Promise<TaskResult<PruneOutcome & { olderThan: string }>> {
  const { config } = activityDeps();
  const cutoff = retentionCutoff(context, config.retention.days);
  const outcome = await pruneOldFiles(dataPaths(config.dataDir).reports, cutoff);
  return { output: { ...outcome, olderThan: cutoff.toISOString() } };
}
