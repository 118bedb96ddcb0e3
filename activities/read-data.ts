import fs from 'node:fs/promises';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { exists, writeFileAtomic } from '../core/files/atomic';
import { boundedName } from '../core/files/bounded-name';
import { dataPaths, type DataPaths } from '../core/paths';
import { CLAIM_RECORD, returnAbandonedClaims, RUN_ID_FILE } from './abandoned-claims';
import { activityDeps } from './deps';
import { claimDirOf, type ReadDataOutput, runKey, visibleFiles } from './ingestion-files';

/** The activity's logger; a task called outside an activity (directly, in tests) logs nothing. */
const log = () => {
  try {
    return Context.current().log;
  } catch {
    return { info: () => undefined, warn: () => undefined };
  }
};

/**
 * The name outputs take: the file's own (cut to a length every file system takes), unless good-data
 * or bad-data already has one by that name.
 */
async function outputNameFor(paths: DataPaths, rawName: string, runId: string): Promise<string> {
  const name = boundedName(rawName);
  const taken =
    (await exists(path.join(paths.goodData, name))) || (await exists(path.join(paths.badData, name)));
  if (!taken) return name;
  const { name: stem, ext } = path.parse(name);
  return boundedName(`${stem}--${runKey(runId)}${ext}`);
}

/** This run's earlier claim, if an earlier attempt made one (even one killed before it wrote its record). */
async function earlierClaim(
  paths: DataPaths,
  dir: string,
  runId: string,
): Promise<ReadDataOutput | undefined> {
  const record = await fs.readFile(path.join(dir, CLAIM_RECORD), 'utf8').catch(() => undefined);
  if (record) return JSON.parse(record) as ReadDataOutput;
  const [name] = (await visibleFiles(dir)).filter((n) => n !== CLAIM_RECORD);
  return name ? recordClaim(paths, dir, name, runId) : undefined;
}

async function recordClaim(
  paths: DataPaths,
  dir: string,
  name: string,
  runId: string,
): Promise<ReadDataOutput> {
  const claimedFile = path.join(dir, name);
  const claim: ReadDataOutput = {
    fileName: name,
    claimedFile,
    claimDir: dir,
    outputName: await outputNameFor(paths, name, runId),
    bytes: (await fs.stat(claimedFile)).size,
  };
  await writeFileAtomic(path.join(dir, CLAIM_RECORD), JSON.stringify(claim, null, 1));
  return claim;
}

/**
 * Task `read-data`: claims one file, picked at random, from raw-data by renaming it into this run's
 * folder under claimed/. A rename is atomic, so of two runs reaching for the same file exactly one
 * gets it; the other tries another. A retry of the run finds the file it already claimed. An
 * empty raw-data ends the run as skipped. Before picking, files of runs that failed a while ago go
 * back to raw-data (abandoned-claims.ts).
 */
export async function readData(context: TaskContext): Promise<TaskResult<ReadDataOutput>> {
  const { config, db } = activityDeps();
  const paths = dataPaths(config.dataDir);
  const dir = claimDirOf(paths, context.runId);
  const earlier = await earlierClaim(paths, dir, context.runId);
  if (earlier) return { output: earlier };
  await returnAbandonedClaims(paths, db.pool).then(
    (names) => names.length > 0 && log().info('returned abandoned claims to raw-data', { names }),
    (error: Error) => log().warn('could not return abandoned claims', { error: error.message }),
  );

  const candidates = await visibleFiles(paths.rawData);
  // Fisher-Yates: a random pick, then the others in random order if someone takes it first.
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, RUN_ID_FILE), context.runId);
  for (const name of candidates) {
    try {
      await fs.rename(path.join(paths.rawData, name), path.join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // another run took it
      throw error;
    }
    return { output: await recordClaim(paths, dir, name, context.runId) };
  }
  await fs.rm(dir, { recursive: true, force: true });
  return {
    skip:
      candidates.length === 0 ? 'raw-data has no files' : 'every file in raw-data was claimed by other runs',
  };
}
