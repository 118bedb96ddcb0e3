import { dag } from '../dag/spec';

/**
 * Every two minutes: drift of the newest predictions against the active model's training profile,
 * then the four alert rules (the same SQL as Grafana's), each alerting once per episode.
 */
export const monitoringDag = dag({
  id: 'monitoring',
  description:
    "Measures drift of recent serving data and predictions against the active model's training profile, then evaluates the alert rules.",
  schedule: { every: '2m' },
  defaults: { retries: 3, retryDelay: '5s', maxRetryDelay: '1m', timeout: '5m' },
  tasks: {
    'compute-drift': { activity: 'computeDrift' },
    // all_done: the rules (no ingestion, broken model) must be evaluated even when drift failed.
    'evaluate-alert-rules': {
      activity: 'evaluateAlertRules',
      upstream: ['compute-drift'],
      triggerRule: 'all_done',
    },
  },
});
