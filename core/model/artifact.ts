import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type DatasetSpec, featureHash } from '../feature-spec';
import type { FeatureBins } from './binning';
import type { BoostParams } from './boost';
import type { DateTimePart } from './calendar';
import type { FeatureDef } from './features';
import type { Metrics } from './metrics';
import { Predictor } from './predictor';
import type { ReferenceProfile } from './profile';
import { treeFromJson, type TreeJson } from './tree';

export const ARTIFACT_FORMAT = 'contrail-model/1';
export const MODEL_TYPE = 'gbdt';

export interface ModelParams extends BoostParams {
  datetimeParts: DateTimePart[];
}

export interface ModelMetrics {
  train: Metrics;
  validation: Metrics;
  /** Each baseline on the validation window, fit on the training window. */
  baselines: Record<string, Metrics & { description: string }>;
  bestBaseline: string;
  /** Validation MAE of the best baseline minus the model's: positive when the model is better. */
  maeGainOverBaseline: number;
  trainingSeconds: number;
}

/** Everything needed to serve and to judge a model, in one JSON file under data/models/. */
export interface ModelArtifact {
  format: typeof ARTIFACT_FORMAT;
  id: string;
  modelType: typeof MODEL_TYPE;
  params: ModelParams;
  specId: string;
  featureHash: string;
  /** Naive date-times, [from, to). */
  trainWindow: { from: string; to: string };
  validationWindow: { from: string; to: string };
  trainedAt: string;
  features: FeatureDef[];
  bins: FeatureBins[];
  ensemble: { base: number; trees: TreeJson[] };
  metrics: ModelMetrics;
  profile: ReferenceProfile;
}

const shortHash = (text: string, length: number) =>
  crypto.createHash('sha256').update(text).digest('hex').slice(0, length);

/** `<model-type>-<param-desc>-<train-dates-hash>-<feature-hash>`, e.g. gbdt-l1-300x63-lr0.1-1f2e3d4c-9a8b7c6d5e4f. */
export function modelId(
  params: ModelParams,
  trainWindow: { from: string; to: string },
  features: string,
): string {
  const paramDesc = `${params.objective}-${params.trees}x${params.maxLeaves}-lr${params.learningRate}`;
  return `${MODEL_TYPE}-${paramDesc}-${shortHash(`${trainWindow.from}|${trainWindow.to}`, 8)}-${features}`;
}

export function artifactPath(modelsDir: string, id: string): string {
  return path.join(modelsDir, `${id}.json`);
}

/** Written through a temporary name and renamed, so a reader never loads half a model. */
export function writeArtifact(modelsDir: string, artifact: ModelArtifact): string {
  fs.mkdirSync(modelsDir, { recursive: true });
  const file = artifactPath(modelsDir, artifact.id);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(artifact));
  fs.renameSync(temporary, file);
  return file;
}

export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

export function readArtifact(file: string): ModelArtifact {
  let artifact: ModelArtifact;
  try {
    artifact = JSON.parse(fs.readFileSync(file, 'utf8')) as ModelArtifact;
  } catch (error) {
    throw new ArtifactError(`cannot read the model artifact ${file}: ${(error as Error).message}`);
  }
  if (artifact.format !== ARTIFACT_FORMAT) {
    throw new ArtifactError(
      `${file} is not a ${ARTIFACT_FORMAT} artifact (format ${String(artifact.format)})`,
    );
  }
  return artifact;
}

/** A predictor for an artifact, refusing one trained on other feature definitions than the spec's. */
export function predictorFor(spec: DatasetSpec, artifact: ModelArtifact): Predictor {
  const expected = featureHash(spec);
  if (artifact.featureHash !== expected) {
    throw new ArtifactError(
      `model ${artifact.id} was trained on features ${artifact.featureHash}, but the active spec has ${expected}`,
    );
  }
  const trees = artifact.ensemble.trees.map(treeFromJson);
  return new Predictor(spec, artifact.features, artifact.bins, { base: artifact.ensemble.base, trees });
}
