import { type ChannelOutcome, deliverAlert, runFailureAlert, type RunFailure } from '../core/alerts';
import { activityDeps } from './deps';

/**
 * Alerts that a DAG run failed: the DAG, the failing task, the error and a link to the run in the
 * Temporal Web UI, on the same channels as data-quality alerts (every failure alerts, whatever
 * ALERT_CRITICALITIES says). Recorded in `alerts` and sent at most once per run; delivery problems
 * are recorded, never thrown.
 */
export async function sendRunFailureAlert(failure: RunFailure): Promise<ChannelOutcome[]> {
  const { config, db } = activityDeps();
  const message = runFailureAlert(failure);
  return deliverAlert(db.pool, config, {
    runId: failure.runId,
    kind: 'run_failure',
    criticality: 'high',
    subject: message.subject,
    link: failure.runUrl,
    card: message.card,
    email: message.email,
  });
}
