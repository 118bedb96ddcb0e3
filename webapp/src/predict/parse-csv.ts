import type { CsvHeader, CsvRejection, WorkerMessage } from './csv-protocol';

export interface ParsedCsv {
  fileName: string;
  header: CsvHeader;
  rows: Record<string, string | number>[];
  rejected: CsvRejection[];
}

export interface ParseHandle {
  done: Promise<ParsedCsv>;
  cancel: () => void;
}

/** Parses and checks `file` in a Web Worker; `onProgress` gets the share of bytes read (0..1) and rows so far. */
export function parseCsv(file: File, onProgress: (share: number, rows: number) => void): ParseHandle {
  const worker = new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module' });
  let cancel = () => worker.terminate();
  const done = new Promise<ParsedCsv>((resolve, reject) => {
    cancel = () => {
      worker.terminate();
      reject(new DOMException('parsing cancelled', 'AbortError'));
    };
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress')
        onProgress(message.totalBytes ? message.bytes / message.totalBytes : 1, message.rows);
      else {
        worker.terminate();
        if (message.type === 'done') resolve({ fileName: file.name, ...message });
        else reject(new Error(`The file could not be read: ${message.message}`));
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
