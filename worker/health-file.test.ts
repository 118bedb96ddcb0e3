import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { type WorkerHealth, writeHealthFile } from './health-file';

const probeScript = path.resolve(__dirname, '../infra/docker/healthcheck.cjs');
/** The container's HEALTHCHECK, run as Docker runs it. */
const probe = (file: string) =>
  new Promise<number>((resolve) =>
    execFile(process.execPath, [probeScript, 'worker'], { env: { WORKER_HEALTH_FILE: file } }, (error) =>
      resolve(error ? Number(error.code) : 0),
    ),
  );

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(condition()).toBe(true);
}

describe('worker health file', () => {
  it('reports a polling worker healthy, and a stopped one not', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-worker-health-')), 'health.json');
    const read = () =>
      fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as WorkerHealth) : undefined;
    const connection = await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    const worker = await Worker.create({
      connection,
      taskQueue: `health-file-${Date.now()}`,
      activities: { noop: async () => undefined },
    });
    const health = writeHealthFile(file, worker, 100);
    expect(read()?.state).toBe('INITIALIZED');
    expect(await probe(file)).toBe(1);

    const running = worker.run();
    await until(() => read()?.state === 'RUNNING');
    expect(await probe(file)).toBe(0);

    health.stop();
    worker.shutdown();
    await running;
    await connection.close();
    expect(read()).toBeUndefined();
    expect(await probe(file)).toBe(1);
  });
});
