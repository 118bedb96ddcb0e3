import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { DatasetSpec } from '../feature-spec';
import { type ModelArtifact, predictorFor, readArtifact } from './artifact';
import type { Predictor } from './predictor';
import { activeModel, getModel, type RegisteredModel } from './registry';

export interface LoadedModel {
  /** The registry id, which every stored prediction names as its model version. */
  id: string;
  registered: RegisteredModel;
  artifact: ModelArtifact;
  predictor: Predictor;
}

/**
 * The artifact as registered; if the data folder moved since (another machine, a container),
 * the same file name under `modelsDir`.
 */
function locateArtifact(registered: RegisteredModel, modelsDir: string): string {
  if (fs.existsSync(registered.artifactPath)) return registered.artifactPath;
  const moved = path.join(modelsDir, path.basename(registered.artifactPath));
  if (fs.existsSync(moved)) return moved;
  throw new Error(`the artifact of model ${registered.id} is missing: ${registered.artifactPath}`);
}

export function loadRegisteredModel(
  spec: DatasetSpec,
  registered: RegisteredModel,
  modelsDir: string,
): LoadedModel {
  const artifact = readArtifact(locateArtifact(registered, modelsDir));
  return { id: registered.id, registered, artifact, predictor: predictorFor(spec, artifact) };
}

/** The active model ready to predict, or undefined when none is active. */
export async function loadActiveModel(
  pool: pg.Pool,
  spec: DatasetSpec,
  modelsDir: string,
): Promise<LoadedModel | undefined> {
  const registered = await activeModel(pool);
  return registered ? loadRegisteredModel(spec, registered, modelsDir) : undefined;
}

export async function loadModelById(
  pool: pg.Pool,
  spec: DatasetSpec,
  modelsDir: string,
  id: string,
): Promise<LoadedModel> {
  const registered = await getModel(pool, id);
  if (!registered) throw new Error(`no model ${id} in the registry`);
  return loadRegisteredModel(spec, registered, modelsDir);
}
