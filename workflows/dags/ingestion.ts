import { dag } from '../dag/spec';

/**
 * Every minute: claim one raw file, validate it, then in parallel store its statistics, alert on
 * its issues and split it into good and bad data. An empty raw folder skips the run.
 */
export const ingestionDag = dag({
  id: 'ingestion',
  description:
    'Claims one raw file, validates it against its expectation suite, saves statistics, alerts on issues and splits good rows from bad.',
  schedule: { every: '1m' },
  defaults: { retries: 3, retryDelay: '2s', maxRetryDelay: '30s', timeout: '10m' },
  tasks: {
    'read-data': { activity: 'readData' },
    'validate-data': { activity: 'validateData', upstream: ['read-data'] },
    'save-statistics': { activity: 'saveStatistics', upstream: ['validate-data'] },
    // Delivery retries live inside the task; the task's own retries are for a worker lost mid-task
    // (a sent channel is never resent: the alerts table remembers it).
    'send-alerts': { activity: 'sendAlerts', upstream: ['validate-data'] },
    'split-and-save-data': { activity: 'splitAndSaveData', upstream: ['validate-data'] },
  },
});
