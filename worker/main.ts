import { NativeConnection, Worker } from '@temporalio/worker';
import { configureActivities } from '../activities/deps';
import { loadProcessConfig } from '../core/config';
import { connectDatabase } from '../core/db/client';
import { createLogger } from '../core/logger';
import { onShutdown } from '../core/shutdown';
import { connectTemporal, ensureSearchAttributes, temporalConnectionOptions } from '../core/temporal/connect';
import { DAGS } from '../workflows/dags';
import { workerActivities } from './activities';
import { writeHealthFile } from './health-file';
import { installRedactingRuntime } from './runtime-logger';
import { ensureSchedules } from './schedules';

async function main(): Promise<void> {
  const config = loadProcessConfig();
  const log = createLogger('worker', config.logLevel);
  installRedactingRuntime(config.logLevel);
  const db = connectDatabase(config.databaseUrl, { applicationName: 'contrail-worker', max: 10 });
  configureActivities({ config, db });

  const { client, connection: clientConnection } = await connectTemporal(config);
  const added = await ensureSearchAttributes(clientConnection, config.temporal.namespace);
  if (added.length > 0) log.info('registered search attributes', { added });
  if (config.temporal.manageSchedules) {
    const schedules = await ensureSchedules(client, DAGS, config.temporal.taskQueue);
    log.info('schedules in place', { schedules });
  }
  await clientConnection.close();

  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities: workerActivities(DAGS),
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
  await Promise.allSettled([connection.close(), db.close()]);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
