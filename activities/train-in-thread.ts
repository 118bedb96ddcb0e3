import { Worker } from 'node:worker_threads';
import type { ModelParams, TrainEvent } from '../core/model';
import type { NaiveWindow } from './retraining-params';

export interface ThreadInput {
  dataFile: string;
  modelsDir: string;
  trainWindow: NaiveWindow;
  validationWindow: NaiveWindow;
  params: Partial<ModelParams>;
}

export type ThreadMessage =
  | { kind: 'progress'; event: TrainEvent }
  | { kind: 'done'; file: string; artifactId: string }
  | { kind: 'failed'; message: string; permanent: boolean };

export class ThreadTrainingError extends Error {
  override name = 'ThreadTrainingError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

// The thread runs TypeScript sources as the worker does: tsx's require hook, then the entry file.
const bootstrap = (entry: string) =>
  `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;

/**
 * Trains a model in a worker thread: progress reaches `onProgress` on this thread's event loop, and
 * `signal` (the activity's cancellation) terminates the thread at once, mid-tree. The artifact is
 * written by rename, so a cancelled or killed fit leaves no half file.
 */
export function trainInThread(
  input: ThreadInput,
  onProgress: (event: TrainEvent) => void,
  signal: AbortSignal,
): Promise<{ file: string; artifactId: string }> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const thread = new Worker(bootstrap(require.resolve('./training-thread')), {
      eval: true,
      workerData: input,
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', abort);
      outcome();
      void thread.terminate();
    };
    const abort = () => settle(() => reject(signal.reason as Error));
    signal.addEventListener('abort', abort);
    thread.on('message', (message: ThreadMessage) => {
      if (message.kind === 'progress') onProgress(message.event);
      else if (message.kind === 'done') settle(() => resolve(message));
      else settle(() => reject(new ThreadTrainingError(message.message, message.permanent)));
    });
    thread.on('error', (error) => settle(() => reject(error)));
    thread.on('exit', (code) =>
      settle(() => reject(new ThreadTrainingError(`the training thread exited (code ${code})`, false))),
    );
  });
}
