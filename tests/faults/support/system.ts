import crypto from 'node:crypto';
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { connectDatabase, type Database } from '../../../core/db/client';
import type { DagSpec } from '../../../core/dag/spec';
import { promoteModel, registerModel } from '../../../core/model';
import { dataPaths, type DataPaths, ensureDataDirs } from '../../../core/paths';
import { ensureSchedules } from '../../../worker/schedules';
import { findDag } from '../../../workflows/dags';
import { type ContrailProcess, startApiProcess, startWorkerProcess } from '../../support/contrail-processes';
import { trainTinyModel } from '../../support/tiny-model';
import { type FaultServers, startFaultServers } from './servers';

/** Schedules of the suite: the real DAG definitions, run far more often so ten minutes see many runs. */
export const SUITE_SCHEDULES = { ingestion: '3s', prediction: '8s' } as const;
/** Shorter than the DAGs' 20 s, so each worker kill costs less of the suite's time (tasks heartbeat every 5 s). */
export const SUITE_HEARTBEAT_TIMEOUT = '12s';

function suiteDag(id: keyof typeof SUITE_SCHEDULES): DagSpec {
  const dag = findDag(id);
  if (!dag) throw new Error(`the ${id} DAG is not defined (workflows/dags)`);
  return {
    ...dag,
    schedule: { every: SUITE_SCHEDULES[id] },
    tasks: dag.tasks.map((t) => ({
      ...t,
      options: { ...t.options, heartbeatTimeout: SUITE_HEARTBEAT_TIMEOUT },
    })),
  };
}

/** Every part of Contrail, running for real: the servers, the API and worker processes, both schedules. */
export interface FaultSystem {
  servers: FaultServers;
  db: Database;
  paths: DataPaths;
  env: NodeJS.ProcessEnv;
  api: ContrailProcess & { url: string; port: number };
  worker: ContrailProcess;
  client: Client;
  taskQueue: string;
  restartWorker(): Promise<void>;
  startApi(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultSystem(): Promise<FaultSystem> {
  const servers = await startFaultServers();
  const taskQueue = `faults-${crypto.randomBytes(4).toString('hex')}`;
  const paths = dataPaths(servers.disk.dataDir);
  ensureDataDirs(paths);
  const db = connectDatabase(servers.databaseUrl, { applicationName: 'contrail-faults', max: 4 });
  // Trained into the data folder, where the API looks for model files.
  const { artifact, file } = await trainTinyModel(paths.root);
  await registerModel(db.pool, artifact, file);
  await promoteModel(db.pool, artifact.id, 'faults suite');

  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: servers.databaseUrl,
    TEMPORAL_ADDRESS: servers.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    CONTRAIL_DATA_DIR: paths.root,
  };
  const logDirs: string[] = [];
  const started = <P extends ContrailProcess>(p: P): P => {
    logDirs.push(p.logDir);
    return p;
  };
  const api = started(await startApiProcess(env));
  env.CONTRAIL_API_URL = api.url;
  const client = new Client({ connection: await Connection.connect({ address: servers.temporalAddress }) });
  const system: FaultSystem = {
    servers,
    db,
    paths,
    env,
    api,
    worker: started(await startWorkerProcess(env)),
    client,
    taskQueue,
    async restartWorker() {
      await system.worker.kill();
      system.worker = started(await startWorkerProcess(env));
    },
    async startApi() {
      system.api = started(await startApiProcess(env, system.api.port));
    },
    async stop() {
      await system.worker.kill().catch(() => undefined);
      await system.api.process.stop().catch(() => undefined);
      await client.connection.close().catch(() => undefined);
      await db.close().catch(() => undefined);
      await servers.stop();
      if (!process.env.FAULTS_KEEP_LOGS)
        for (const dir of logDirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await ensureSchedules(client, [suiteDag('ingestion'), suiteDag('prediction')], taskQueue);
  return system;
}
