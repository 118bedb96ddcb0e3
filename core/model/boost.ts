import { type FeatureLayout, growTree, type TreeParams } from './grow-tree';
import type { Histogram } from './histogram';
import { objectiveFor, type ObjectiveName } from './objective';
import { allocateSample, sampleRows } from './sample-rows';
import type { Tree } from './tree';
import { addTableToRows, tableOfTree } from './tree-table';

export interface BoostParams extends TreeParams {
  objective: ObjectiveName;
  huberDelta: number;
  trees: number;
  learningRate: number;
  /** Share of rows each tree is grown on (stochastic gradient boosting): faster, and less overfit. */
  rowSample: number;
  seed: number;
}

/** The trees and the constant they start from; leaf values already include the learning rate. */
export interface Ensemble {
  base: number;
  trees: Tree[];
}

/** Labelled rows binned row-major (see binning.ts applyBins). */
export interface BinnedSet {
  bins: Uint8Array;
  labels: Float64Array;
}

export interface BoostProgress {
  tree: number;
  trees: number;
  trainMae: number;
  /** On an evenly spaced sample of at most 50,000 validation rows. */
  validMae: number | undefined;
}

const mae = (labels: Float64Array, predictions: Float64Array) => {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += Math.abs(labels[i]! - predictions[i]!);
  return sum / Math.max(1, labels.length);
};

const TRACKED_VALIDATION_ROWS = 50_000;

/** Every k-th validation row, up to 50,000: enough to watch validation MAE while training, at a tenth of the cost. */
function validationSample(valid: BinnedSet, featureCount: number): BinnedSet {
  const step = Math.max(1, Math.floor(valid.labels.length / TRACKED_VALIDATION_ROWS));
  const count = Math.ceil(valid.labels.length / step);
  const bins = new Uint8Array(count * featureCount);
  const labels = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    bins.set(valid.bins.subarray(k * step * featureCount, (k * step + 1) * featureCount), k * featureCount);
    labels[k] = valid.labels[k * step]!;
  }
  return { bins, labels };
}

/** Gradient boosting: each tree is grown on the current errors' gradients, then its leaves are fit by the objective. */
export function boost(
  layout: FeatureLayout,
  train: BinnedSet,
  valid: BinnedSet | undefined,
  params: BoostParams,
  onProgress: (progress: BoostProgress) => void = () => undefined,
): Ensemble {
  if (params.maxFeaturesPerTree < 1 || params.maxFeaturesPerTree > 3) {
    throw new Error(
      `maxFeaturesPerTree must be 1 to 3 (each tree becomes a lookup table), got ${params.maxFeaturesPerTree}`,
    );
  }
  const n = train.labels.length;
  const f = layout.featureCount;
  const objective = objectiveFor(params.objective, params.huberDelta);
  const base = objective.initial(train.labels);
  const predictions = new Float64Array(n).fill(base);
  const sample = allocateSample(n, f);
  const aside = allocateSample(n, f);
  const inBag = { marks: new Int32Array(n).fill(-1), mark: 0 };
  const histograms: Histogram[] = [];
  const random = Uint32Array.of(params.seed);
  const tracked = valid && validationSample(valid, f);
  const trackedPredictions = tracked ? new Float64Array(tracked.labels.length).fill(base) : undefined;
  const trees: Tree[] = [];

  for (let t = 0; t < params.trees; t++) {
    sampleRows(train.bins, train.labels, predictions, objective.gradient, params.rowSample, random, sample);
    const grown = growTree(layout, sample, params, aside, histograms);
    const { tree } = grown;
    inBag.mark = t;
    grown.leafStart.forEach((start, j) => {
      const end = grown.leafEnd[j]!;
      const fit = objective.leafValue(sample.residuals, start, end, grown.leafSumG[j]!, params.lambda);
      const value = params.learningRate * fit;
      tree.leafValues[j] = value;
      for (let k = start; k < end; k++) {
        predictions[sample.rows[k]!]! += value;
        inBag.marks[sample.rows[k]!] = t;
      }
    });
    const table = tableOfTree(tree, layout.binCounts);
    addTableToRows(table, train.bins, f, predictions, inBag);
    if (tracked && trackedPredictions) addTableToRows(table, tracked.bins, f, trackedPredictions);
    trees.push(tree);
    onProgress({
      tree: t + 1,
      trees: params.trees,
      trainMae: mae(train.labels, predictions),
      validMae: tracked && trackedPredictions ? mae(tracked.labels, trackedPredictions) : undefined,
    });
  }
  return { base, trees };
}
