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
    // Alert channels can be down for a while; their retries live inside the task, so one more
    // attempt here is enough.
    'send-alerts': { activity: 'sendAlerts', upstream: ['validate-data'], options: { retries: 1 } },
    'split-and-save-data': { activity: 'splitAndSaveData', upstream: ['validate-data'] },
  },
});
