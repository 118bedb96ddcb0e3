import { dag } from '../dag/spec';

/** Every two minutes: score the good data that arrived since, through the model service. Nothing new: the run is skipped. */
export const predictionDag = dag({
  id: 'prediction',
  description:
    'Finds newly ingested good-data files (a ledger, files never move) and predicts their rows through the API.',
  schedule: { every: '2m' },
  defaults: { retries: 5, retryDelay: '5s', maxRetryDelay: '2m', timeout: '30m' },
  tasks: {
    'check-for-new-data': { activity: 'checkForNewData' },
    'make-predictions': { activity: 'makePredictions', upstream: ['check-for-new-data'] },
  },
});
