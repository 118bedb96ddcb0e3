import { NativeConnection, Worker } from '@temporalio/worker';
import * as activities from '../activities';
import { loadProcessConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { onShutdown } from '../core/shutdown';
import { ensureSearchAttributes, connectTemporal, temporalConnectionOptions } from '../core/temporal/connect';
import { writeHealthFile } from './health-file';

async function main(): Promise<void> {
  const config = loadProcessConfig();
  const log = createLogger('worker', config.logLevel);
  const { connection: clientConnection } = await connectTemporal(config);
  const added = await ensureSearchAttributes(clientConnection, config.temporal.namespace);
  if (added.length > 0) log.info('registered search attributes', { added });
  await clientConnection.close();

  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities,
    shutdownGraceTime: '10s',
  });
  const health = config.worker.healthFile ? writeHealthFile(config.worker.healthFile, worker) : undefined;
  onShutdown(async (reason) => {
    log.info(`stopping (${reason})`);
    health?.stop();
    worker.shutdown();
  }, 20_000);
  log.info(`polling task queue ${config.temporal.taskQueue} on ${config.temporal.address}`);
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
