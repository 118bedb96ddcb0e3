import fs from 'node:fs';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';

export interface WorkerHealth {
  state: ReturnType<Worker['getState']>;
  at: string;
}

/**
 * A worker has no port to probe, so it proves it is alive by rewriting a small file: its state
 * and the time. A container health check (infra/docker/healthcheck.cjs) reads it and fails when
 * the state is not RUNNING or the file has gone stale (a hung process stops rewriting it).
 */
export function writeHealthFile(
  file: string,
  worker: Pick<Worker, 'getState'>,
  intervalMs = 5_000,
): { stop(): void } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const write = () => {
    const health: WorkerHealth = { state: worker.getState(), at: new Date().toISOString() };
    // Written beside and renamed over, so a reader never sees half a file.
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, JSON.stringify(health));
    fs.renameSync(partial, file);
  };
  write();
  const timer = setInterval(write, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      fs.rmSync(file, { force: true });
    },
  };
}
