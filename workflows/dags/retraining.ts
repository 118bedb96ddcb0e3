import { dag } from '../dag/spec';

/**
 * Weekly, and on demand (`contrail dags trigger retraining [--force]`): train a candidate on recent
 * labelled good data, judge it against the active model on the same later holdout, and promote it
 * only when it is better (or forced). Too little labelled data: the run is skipped, saying why.
 */
export const retrainingDag = dag({
  id: 'retraining',
  description:
    'Trains a candidate on a window of recent good data (labels joined by id), evaluates it and the active model on the same holdout, promotes the candidate if better or forced.',
  schedule: { every: '7d' },
  defaults: { retries: 2, retryDelay: '30s', maxRetryDelay: '5m', timeout: '30m' },
  tasks: {
    'select-training-window': { activity: 'selectTrainingWindow' },
    'train-candidate': {
      activity: 'trainCandidate',
      upstream: ['select-training-window'],
      options: { timeout: '2h' },
    },
    'evaluate-against-active': {
      activity: 'evaluateAgainstActive',
      upstream: ['select-training-window', 'train-candidate'],
    },
    'promote-if-better': {
      activity: 'promoteIfBetter',
      upstream: ['select-training-window', 'evaluate-against-active'],
    },
  },
});
