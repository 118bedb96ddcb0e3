import fs from 'node:fs';
import { type DatasetSpec, featureHash, formatDateTime, parseDateTime } from '../feature-spec';
import { type ModelArtifact, MODEL_TYPE, type ModelParams, modelId, writeArtifact } from './artifact';
import { applyBins, binCount, fitBins } from './binning';
import { boost, type BoostProgress } from './boost';
import { scoreModel } from './evaluate';
import { FeatureEncoder, featureDefs } from './features';
import { loadWindows, type TimeWindow } from './load-dataset';
import { Predictor } from './predictor';
import { referenceProfile } from './profile';
import { treeToJson } from './tree';

export const DEFAULT_PARAMS: ModelParams = {
  objective: 'l1',
  huberDelta: 15,
  trees: 100,
  learningRate: 0.2,
  maxLeaves: 63,
  maxDepth: 12,
  maxFeaturesPerTree: 2,
  maxTableCells: 2 ** 16,
  minDataInLeaf: 200,
  lambda: 1,
  categoricalL2: 10,
  minDataPerCategory: 50,
  rowSample: 0.3,
  seed: 20010101,
  datetimeParts: ['hour', 'minute_of_day', 'weekday', 'month'],
};

export type TrainEvent =
  | { phase: 'loading'; rowsRead: number }
  | { phase: 'binning'; trainRows: number; validationRows: number }
  | ({ phase: 'boosting' } & BoostProgress)
  | { phase: 'evaluating' };

export interface TrainOptions {
  spec: DatasetSpec;
  /** A labelled CSV holding both windows (`contrail data prepare` writes one). */
  dataFile: string;
  modelsDir: string;
  /** Naive date-times [from, to); default: the spec's training window. */
  trainWindow?: { from: string; to: string };
  /** Default: the spec's validation window, or as long a window right after a custom training window. */
  validationWindow?: { from: string; to: string };
  params?: Partial<ModelParams>;
  onProgress?: (event: TrainEvent) => void;
}

export class TrainingError extends Error {
  override name = 'TrainingError';
}

function toWindow(window: { from: string; to: string }, what: string): TimeWindow {
  const from = parseDateTime(window.from);
  const to = parseDateTime(window.to);
  if (Number.isNaN(from) || Number.isNaN(to))
    throw new TrainingError(`the ${what} window has a malformed date`);
  if (from >= to)
    throw new TrainingError(`the ${what} window is empty: ${window.from} is not before ${window.to}`);
  return { from, to };
}

function defaultValidation(spec: DatasetSpec, train: TimeWindow): { from: string; to: string } {
  const length = parseDateTime(spec.windows.validate.to) - parseDateTime(spec.windows.validate.from);
  return { from: formatDateTime(train.to), to: formatDateTime(train.to + length) };
}

/** Loads both windows, fits the trees, scores them against the baselines, writes the artifact. */
export async function trainModel(options: TrainOptions): Promise<{ artifact: ModelArtifact; file: string }> {
  const { spec } = options;
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const params: ModelParams = { ...DEFAULT_PARAMS, ...options.params };
  const trainWindow = options.trainWindow ?? spec.windows.train;
  const train = toWindow(trainWindow, 'training');
  const validationWindow =
    options.validationWindow ??
    (options.trainWindow ? defaultValidation(spec, train) : spec.windows.validate);
  const validation = toWindow(validationWindow, 'validation');
  if (!fs.existsSync(options.dataFile)) {
    throw new TrainingError(`no data at ${options.dataFile}: run \`npx contrail data prepare\` first`);
  }

  const defs = featureDefs(spec, params.datetimeParts);
  const encoder = new FeatureEncoder(spec, defs);
  const loaded = await loadWindows(options.dataFile, spec, encoder, { train, validation }, (rowsRead) =>
    progress({ phase: 'loading', rowsRead }),
  );
  const trainRows = loaded.windows.train;
  const validRows = loaded.windows.validation;
  for (const [name, rows, window] of [
    ['training', trainRows, trainWindow],
    ['validation', validRows, validationWindow],
  ] as const) {
    if (rows.labels.length === 0) {
      throw new TrainingError(
        `no labelled rows in the ${name} window ${window.from} to ${window.to} of ${options.dataFile}`,
      );
    }
  }

  progress({ phase: 'binning', trainRows: trainRows.labels.length, validationRows: validRows.labels.length });
  const bins = fitBins(trainRows.features, defs, params.seed);
  const layout = {
    featureCount: defs.length,
    binCounts: bins.map(binCount),
    categorical: defs.map((d) => d.kind === 'categorical'),
  };
  const ensemble = boost(
    layout,
    { bins: applyBins(trainRows.features, bins), labels: trainRows.labels },
    { bins: applyBins(validRows.features, bins), labels: validRows.labels },
    params,
    (p) => progress({ phase: 'boosting', ...p }),
  );

  progress({ phase: 'evaluating' });
  const predictor = new Predictor(spec, defs, bins, ensemble);
  const trainPredictions = predictor.predictMatrix(trainRows.features);
  const metrics = scoreModel(spec, predictor, trainRows, validRows, trainPredictions, started);

  const hash = featureHash(spec);
  const artifact: ModelArtifact = {
    format: 'contrail-model/1',
    id: modelId(params, trainWindow, hash),
    modelType: MODEL_TYPE,
    params,
    specId: spec.id,
    featureHash: hash,
    trainWindow,
    validationWindow,
    trainedAt: new Date().toISOString(),
    features: defs,
    bins,
    ensemble: { base: ensemble.base, trees: ensemble.trees.map(treeToJson) },
    metrics,
    profile: referenceProfile(defs, trainRows.features, trainRows.labels, trainPredictions),
  };
  return { artifact, file: writeArtifact(options.modelsDir, artifact) };
}
