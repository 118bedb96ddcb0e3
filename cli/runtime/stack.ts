import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../core/config';
import { migrate } from '../../core/db/migrate';
import { activeSpec } from '../../core/feature-spec';
import { type DataPaths, dataPaths, ensureDataDirs } from '../../core/paths';
import { connectTemporal, ensureSearchAttributes } from '../../core/temporal/connect';
import { ensureDemoData } from '../data/demo-data';
import { ensureFirstModel } from './first-model';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startNodeChild } from './node-child';
import { assertPortsFree, waitFor } from './ports';
import { Supervisor } from './supervisor';
import { findOrInstallTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-dev-server';
import { ensureWebappBuilt } from './webapp-build';

export interface Stack {
  urls: { webapp: string; api: string; apiDocs: string; temporalUi: string | undefined; database: string };
  paths: DataPaths;
  stop(): Promise<void>;
}

export interface StackOptions {
  say: (message: string) => void;
  /** Aborted (Ctrl-C during start-up): stop what was started so far and reject. */
  signal: AbortSignal;
  /** Console output of the children (everything also goes to <data>/logs). */
  onChildLine: (name: string, line: string) => void;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}

/** Brings up everything `npm start` promises, in order, and returns how to reach and stop it. */
export async function startStack(config: Config, options: StackOptions): Promise<Stack> {
  const { say } = options;
  const paths = dataPaths(config.dataDir);
  ensureDataDirs(paths);
  await assertPortsFree([
    ...(config.embeddedPostgres.enabled
      ? [{ port: config.embeddedPostgres.port, variable: 'EMBEDDED_POSTGRES_PORT' }]
      : []),
    ...(config.temporal.devServer.enabled
      ? [
          { port: config.temporal.devServer.port, variable: 'TEMPORAL_DEV_PORT' },
          { port: config.temporal.devServer.uiPort, variable: 'TEMPORAL_UI_PORT' },
        ]
      : []),
    { port: config.api.port, variable: 'API_PORT' },
    { port: config.webapp.port, variable: 'WEBAPP_PORT' },
  ]);

  // Built while the servers start; awaited before the web app's server starts.
  const webappBuild = ensureWebappBuilt(say);
  webappBuild.catch(() => undefined);

  const stoppers: (() => Promise<void>)[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
  };
  const started = (stopOne: () => Promise<void>) => {
    stoppers.push(stopOne);
    options.signal.throwIfAborted();
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (config.embeddedPostgres.enabled) {
      say(`starting Postgres (embedded, port ${config.embeddedPostgres.port}, data in ${paths.postgres})…`);
      const log = fs.createWriteStream(path.join(paths.logs, 'postgres.log'), { flags: 'a' });
      const postgres = await startEmbeddedPostgres(paths.postgres, config.embeddedPostgres.port, (l) =>
        log.write(`${l}\n`),
      );
      started(async () => {
        await postgres.stop();
        log.end();
      });
      databaseUrl = postgres.url;
    }

    if (config.temporal.devServer.enabled) {
      const cliPath = findOrInstallTemporalCli(config.temporal.devServer.cliPath, say);
      say(
        `starting the Temporal dev server (port ${config.temporal.devServer.port}, Web UI ${config.temporal.devServer.uiPort})…`,
      );
      const server = await startTemporalDevServer({
        cliPath,
        port: config.temporal.devServer.port,
        uiPort: config.temporal.devServer.uiPort,
        namespace: config.temporal.namespace,
        dbFile: path.join(paths.temporal, 'temporal.db'),
        ui: true,
        logDir: paths.logs,
        onLine: (line) => options.onChildLine('temporal', line),
      });
      started(() => server.stop());
    } else {
      const { connection } = await connectTemporal(config);
      await ensureSearchAttributes(connection, config.temporal.namespace);
      await connection.close();
    }

    const migrated = await migrate(databaseUrl);
    say(
      `database migrated (${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already there)`,
    );

    if (await webappBuild) say('web app built (webapp/dist)');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: config.temporal.address,
      CONTRAIL_DATA_DIR: paths.root,
      TEMPORAL_UI_URL: config.temporal.uiUrl,
      // The web app's server reaches the API over loopback and forwards who asked.
      API_TRUST_PROXY: process.env.API_TRUST_PROXY ?? 'loopback',
    };
    for (const [name, entry] of [
      ['worker', 'worker/main.ts'],
      ['api', 'api/main.ts'],
      ['webapp', 'webapp/server.ts'],
    ] as const) {
      const supervisor = new Supervisor(
        () =>
          startNodeChild({
            name,
            entry,
            env,
            logDir: paths.logs,
            onLine: (l) => options.onChildLine(name, l),
          }),
        (child, code, delayMs) =>
          say(
            `${child} exited (code ${code}); restarting in ${delayMs / 1000} s — see ${paths.logs}/${child}.log`,
          ),
      );
      started(() => supervisor.stop());
    }

    await waitFor('the API', async () => (await fetch(`${config.api.url}/health`)).status < 500, {
      timeoutMs: 90_000,
    });
    await waitFor('the web app', async () => (await fetch(config.webapp.url)).ok, { timeoutMs: 30_000 });

    const demoData = config.demoData
      ? ensureDemoData(activeSpec, paths, say).then(
          (created) => created && say(`demo data ready: raw files in ${paths.rawData}`),
          (error: Error) => say(`demo data could not be prepared: ${error.message}`),
        )
      : Promise.resolve();
    void demoData
      .then(() =>
        ensureFirstModel({
          ...{ databaseUrl, paths, env, say },
          onLine: (line) => options.onChildLine('train', line),
          stopping: () => stopping,
          track: (stopTraining) => stoppers.push(stopTraining),
        }),
      )
      .catch((error: Error) => say(`could not check for an active model: ${error.message}`));
    return {
      urls: {
        webapp: config.webapp.url,
        api: config.api.url,
        apiDocs: `${config.api.url}/docs`,
        temporalUi: config.temporal.devServer.enabled ? config.temporal.uiUrl : undefined,
        database: redact(databaseUrl),
      },
      paths,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
