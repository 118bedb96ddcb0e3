import { Client, Connection } from '@temporalio/client';
import { loadProcessConfig } from '../core/config';
import { connectDatabase } from '../core/db/client';
import { activeSpec } from '../core/feature-spec';
import { createLogger } from '../core/logger';
import { dataPaths } from '../core/paths';
import { onShutdown } from '../core/shutdown';
import { temporalConnectionOptions } from '../core/temporal/connect';
import { ActiveModel } from './active-model';
import { createApp } from './app';
import { databaseCheck, temporalCheck } from './health';
import { PredictionWriter } from './prediction-writer';
import { predictionWritesPool } from './writes-pool';

async function main(): Promise<void> {
  const config = loadProcessConfig();
  const log = createLogger('api', config.logLevel);
  const db = connectDatabase(config.databaseUrl, {
    applicationName: 'contrail-api',
    max: 20,
    statementTimeoutMs: config.api.queryTimeoutMs,
  });
  // Lazy: the API starts (and /health reports) even while Temporal is still coming up.
  const temporal = Connection.lazy(temporalConnectionOptions(config));
  const model = new ActiveModel(db.pool, activeSpec, dataPaths(config.dataDir).models, log.child('model'), {
    databaseUrl: config.databaseUrl,
  });
  await model.start();
  const writes = predictionWritesPool(config);
  const writer = new PredictionWriter(writes);
  const app = createApp({
    config,
    log,
    db,
    temporal: new Client({ connection: temporal, namespace: config.temporal.namespace }),
    checks: [databaseCheck(db), temporalCheck(temporal, config.temporal.namespace), model.healthCheck()],
    predictions: { spec: activeSpec, pool: db.pool, model, writer },
  });
  const server = app.listen(config.api.port, config.api.host, () => {
    log.info(`listening on ${config.api.url}`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    log.error(
      error.code === 'EADDRINUSE' ? `port ${config.api.port} is already in use (API_PORT)` : error.message,
    );
    process.exit(1);
  });
  onShutdown(async (reason) => {
    log.info(`stopping (${reason})`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await writer.drain();
    await model.stop();
    await Promise.allSettled([db.close(), writes.end(), temporal.close()]);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
