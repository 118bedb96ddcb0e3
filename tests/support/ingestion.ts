import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configureActivities } from '../../activities/deps';
import { type Config, loadConfig } from '../../core/config';
import type { TaskContext } from '../../core/dag/task';
import { dataPaths, type DataPaths, ensureDataDirs } from '../../core/paths';
import { createTestDatabase, type TestDatabase } from './database';

export interface IngestionHarness {
  db: TestDatabase;
  config: Config;
  paths: DataPaths;
  /** Reconfigures the activities (e.g. with a Teams receiver's URL). */
  configure(env?: NodeJS.ProcessEnv): Config;
  context(runId: string, taskId: string, upstream?: Record<string, unknown>): TaskContext;
}

/**
 * Real Postgres (a fresh migrated database) and real folders (a temp data dir) for the ingestion
 * activities, configured as the worker configures them. Set up once per test file.
 */
export function useIngestionHarness(): () => IngestionHarness {
  let harness: IngestionHarness | undefined;
  let dir = '';
  beforeAll(async () => {
    const db = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-ingest-'));
    const configure = (env: NodeJS.ProcessEnv = {}) => {
      const config = loadConfig({
        CONTRAIL_DATA_DIR: dir,
        CONTRAIL_API_URL: 'http://contrail.test:8000',
        CONTRAIL_WEBAPP_URL: 'https://contrail.example.com',
        ...env,
      });
      configureActivities({ config, db });
      if (harness) harness.config = config;
      return config;
    };
    const config = configure();
    const paths = dataPaths(config.dataDir);
    ensureDataDirs(paths);
    harness = {
      db,
      config,
      paths,
      configure,
      context: (runId, taskId, upstream = {}) => ({
        dagId: 'ingestion',
        runType: 'manual',
        runId,
        logicalTime: '2026-11-29T00:00:00.000Z',
        intervalEnd: '2026-11-29T00:01:00.000Z',
        taskId,
        tryNumber: 1,
        params: {},
        upstream,
      }),
    };
  });
  afterAll(async () => {
    await harness?.db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!harness) throw new Error('the ingestion harness is set up in beforeAll');
    return harness;
  };
}

/** Empties the data folders between tests (the database is per file; tests use distinct run ids). */
export function emptyFolders(paths: DataPaths): void {
  for (const dir of [paths.rawData, paths.claimed, paths.goodData, paths.badData, paths.reports]) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
}
