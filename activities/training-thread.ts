/**
 * The body of a training thread (see train-in-thread.ts): trains one model and reports progress and
 * the outcome to the activity that started it. Boosting holds its thread for the whole fit; here
 * that is not the worker's event loop, which stays free to heartbeat and to hear a cancellation.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { activeSpec } from '../core/feature-spec';
import { trainModel, TrainingError } from '../core/model';
import type { ThreadInput, ThreadMessage } from './train-in-thread';

const input = workerData as ThreadInput;
const post = (message: ThreadMessage) => parentPort!.postMessage(message);

trainModel({
  spec: activeSpec,
  dataFile: input.dataFile,
  modelsDir: input.modelsDir,
  trainWindow: input.trainWindow,
  validationWindow: input.validationWindow,
  params: input.params,
  onProgress: (event) => post({ kind: 'progress', event }),
}).then(
  ({ artifact, file }) => post({ kind: 'done', file, artifactId: artifact.id }),
  (error: unknown) =>
    post({
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
      permanent: error instanceof TrainingError,
    }),
);
