import type { Batch } from './batch-body';
import type { CsvSummary, WorkerMessage } from './csv-protocol';

export interface ParsedCsv extends CsvSummary {
  fileName: string;
  /** Ready-to-send request bodies, every row of the file in order. */
  batches: Batch[];
}

export interface ParseHandle {
  done: Promise<ParsedCsv>;
  cancel: () => void;
}

/** Parses and checks `file` in a Web Worker; `onProgress` gets the share of bytes read (0..1) and rows so far. */
export function parseCsv(file: File, onProgress: (share: number, rows: number) => void): ParseHandle {
  const worker = new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module' });
  const batches: Batch[] = [];
  let cancel = () => worker.terminate();
  const done = new Promise<ParsedCsv>((resolve, reject) => {
    cancel = () => {
      worker.terminate();
      reject(new DOMException('parsing cancelled', 'AbortError'));
    };
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      switch (message.type) {
        case 'progress':
          return onProgress(
            Math.min(1, message.totalBytes ? message.bytes / message.totalBytes : 1),
            message.rows,
          );
        case 'batch':
          return void batches.push(message.batch);
        case 'done': {
          worker.terminate();
          const { type: _type, ...summary } = message;
          return resolve({ fileName: file.name, batches, ...summary });
        }
        case 'failed':
          worker.terminate();
          return reject(new Error(`The file could not be read: ${message.message}`));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The file could not be read: ${event.message}`));
    };
  });
  worker.postMessage({ file });
  return { done, cancel: () => cancel() };
}
