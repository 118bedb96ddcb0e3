import { type ChannelOutcome, deliverAlert, runFailureAlert } from '../core/alerts';
import { runUrl } from '../core/temporal/links';
import { activityDeps } from './deps';

export interface FailedRun {
  dagId: string;
  /** The run's workflow id. */
  runId: string;
  /** Temporal's run id, so the link opens this very execution. */
  temporalRunId?: string;
  /** The first task that failed for good (absent when the run failed outside a task). */
  taskId?: string;
  error: string;
}

/**
 * Alerts that a DAG run failed: the DAG, the failing task, the error and a link to the run in the
 * Temporal Web UI, on the same channels as data-quality alerts (every failure alerts, whatever
 * ALERT_CRITICALITIES says). Recorded in `alerts` and sent at most once per run; delivery problems
 * are recorded, never thrown.
 */
export async function sendRunFailureAlert(run: FailedRun): Promise<ChannelOutcome[]> {
  const { config, db } = activityDeps();
  const link = runUrl(config, run.runId, run.temporalRunId);
  const message = runFailureAlert({ ...run, runUrl: link });
  return deliverAlert(db.pool, config, {
    runId: run.runId,
    kind: 'run_failure',
    criticality: 'high',
    subject: message.subject,
    link,
    card: message.card,
    email: message.email,
  });
}
