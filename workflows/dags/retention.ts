import { dag } from '../dag/spec';

/** Daily: delete what is older than CONTRAIL_RETENTION_DAYS. Predictions, statistics and good data are kept. */
export const retentionDag = dag({
  id: 'retention',
  description:
    'Deletes data-quality reports, quarantined (bad-data) files and DAG-run records older than CONTRAIL_RETENTION_DAYS.',
  schedule: { every: '1d' },
  defaults: { retries: 3, retryDelay: '30s', maxRetryDelay: '10m', timeout: '30m' },
  tasks: {
    'prune-reports': { activity: 'pruneReports' },
    'prune-bad-data': { activity: 'pruneBadData' },
    'prune-dag-runs': { activity: 'pruneDagRuns' },
  },
});
