import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { ActiveModel } from '../../api/active-model';
import { createApp } from '../../api/app';
import { databaseCheck } from '../../api/health';
import { PredictionWriter, type WriterOptions } from '../../api/prediction-writer';
import { predictionWritesPool } from '../../api/writes-pool';
import { loadConfig } from '../../core/config';
import { activeSpec } from '../../core/feature-spec';
import { connectDatabase } from '../../core/db/client';
import { createLogger, type LogLevel } from '../../core/logger';
import { createTestDatabase, type TestDatabase } from './database';
import { temporalAddress } from './temporal';

export interface TestApi {
  url: string;
  db: TestDatabase;
  model: ActiveModel;
  writer: PredictionWriter;
  request(method: string, route: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real API on a fresh migrated database, listening on a free port: what `api/main.ts` wires
 * up, minus Temporal. `dataDir` holds data/models, where the registry's artifacts are looked up.
 */
export async function startTestApi(
  dataDir: string,
  options: {
    token?: string;
    bodyLimit?: string;
    writer?: WriterOptions;
    pollMs?: number;
    /** More configuration, as environment variables (e.g. PREDICT_RATE_LIMIT). */
    env?: NodeJS.ProcessEnv;
    logLevel?: LogLevel;
    /** The API reaches its database at this URL instead (e.g. through a proxy); `db` stays direct. */
    viaUrl?: (url: string) => string;
  } = {},
): Promise<TestApi> {
  const testDb = await createTestDatabase();
  const apiUrl = options.viaUrl?.(testDb.url) ?? testDb.url;
  const config = loadConfig({
    DATABASE_URL: apiUrl,
    CONTRAIL_DATA_DIR: dataDir,
    ...(options.token ? { CONTRAIL_API_TOKEN: options.token } : {}),
    ...options.env,
  });
  // The API's own pool, as api/main.ts makes it (its query time limit included); `db` stays the test's.
  const db = {
    ...connectDatabase(apiUrl, { max: 20, statementTimeoutMs: config.api.queryTimeoutMs }),
    url: apiUrl,
  };
  const log = createLogger('test-api', options.logLevel ?? 'error');
  const model = new ActiveModel(db.pool, activeSpec, path.join(dataDir, 'models'), log, {
    databaseUrl: db.url,
    pollMs: options.pollMs ?? 60_000,
  });
  await model.start();
  const writes = predictionWritesPool(config, db.url);
  const writer = new PredictionWriter(writes, options.writer);
  // The pipelines routes need a Temporal client; these tests never call them, so it stays unconnected.
  const temporal = Connection.lazy({ address: temporalAddress() });
  const app = createApp({
    config,
    log,
    db,
    temporal: new Client({ connection: temporal }),
    checks: [databaseCheck(db), model.healthCheck()],
    predictions: {
      spec: activeSpec,
      pool: db.pool,
      model,
      writer,
      ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db: testDb,
    model,
    writer,
    request: (method, route, body, headers = {}) =>
      fetch(`${url}${route}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await writer.drain();
      await writes.end();
      await model.stop();
      await temporal.close();
      await db.close();
      await testDb.drop();
    },
  };
}
