import type { FeatureDef, FeatureMatrix } from './features';
import { seededRandom } from './random';

/**
 * A reference profile of the data a model was trained on, stored in its artifact, so that drift
 * can later be measured by comparing serving data against it with the same bins.
 *
 * Format (version 1), all plain JSON:
 * - `rows`: how many training rows it describes.
 * - `features[]`, one per model feature in model order (derived time parts included, e.g.
 *   `date_hour`; `column`/`part` say where it comes from, as in FeatureDef):
 *   - numeric: `histogram` (see below) over the feature's values, plus `missingShare`;
 *   - categorical: `shares` maps each category seen in training to its share of rows (shares of
 *     all categories plus `missingShare` sum to 1); categories absent from the map had none.
 * - `label`: histogram of the training labels; `prediction`: histogram of the model's own
 *   predictions on the training rows (what prediction drift is compared with).
 *
 * A `histogram` is `{ edges, shares, mean, std, min, max, quantiles }`: `edges` are ascending
 * inner cut points, and `shares[i]` is the share of non-missing values v with
 * edges[i-1] < v <= edges[i] (edges[-1] = -Infinity, edges[edges.length] = +Infinity), so
 * shares.length = edges.length + 1 and they sum to 1. Edges fall at training quantiles (about
 * equal shares, at most HISTOGRAM_BINS bins); a feature with at most DISCRETE_VALUES distinct
 * values (hour, weekday, month) gets one bin per value, edges halfway between them. `quantiles` holds p01, p05, p25, p50, p75, p95, p99.
 * To measure drift, count serving values into the same edges and compare shares (PSI, etc.).
 */
export interface NumericHistogram {
  edges: number[];
  shares: number[];
  mean: number;
  std: number;
  min: number;
  max: number;
  quantiles: Record<'p01' | 'p05' | 'p25' | 'p50' | 'p75' | 'p95' | 'p99', number>;
}

export type FeatureProfile =
  | {
      name: string;
      column: string;
      part?: string;
      kind: 'numeric';
      histogram: NumericHistogram;
      missingShare: number;
    }
  | {
      name: string;
      column: string;
      part?: string;
      kind: 'categorical';
      shares: Record<string, number>;
      missingShare: number;
    };

export interface ReferenceProfile {
  version: 1;
  rows: number;
  features: FeatureProfile[];
  label: NumericHistogram;
  prediction: NumericHistogram;
}

export const HISTOGRAM_BINS = 20;
export const DISCRETE_VALUES = 32;
const SAMPLE_SIZE = 200_000;

/** Bin index of v among ascending edges: the first i with v <= edges[i], else edges.length. */
export function histogramBin(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function numericHistogram(values: Float64Array, seed = 1): NumericHistogram {
  const random = seededRandom(seed);
  const present = values.filter((v) => !Number.isNaN(v));
  const step = Math.max(1, present.length / SAMPLE_SIZE);
  const sample: number[] = [];
  for (let i = Math.floor(random() * step); i < present.length; i += step)
    sample.push(present[Math.floor(i)]!);
  sample.sort((a, b) => a - b);
  const at = (q: number) => sample[Math.min(sample.length - 1, Math.floor(q * sample.length))] ?? NaN;
  const distinct = [...new Set(sample)];
  const edges =
    distinct.length <= DISCRETE_VALUES
      ? distinct.slice(0, -1).map((v, i) => (v + distinct[i + 1]!) / 2)
      : [...new Set(Array.from({ length: HISTOGRAM_BINS - 1 }, (_, i) => at((i + 1) / HISTOGRAM_BINS)))];
  const counts = new Array<number>(edges.length + 1).fill(0);
  let sum = 0;
  let squares = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of present) {
    counts[histogramBin(edges, v)]!++;
    sum += v;
    squares += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const n = Math.max(1, present.length);
  const mean = sum / n;
  return {
    edges,
    shares: counts.map((c) => c / n),
    mean,
    std: Math.sqrt(Math.max(0, squares / n - mean * mean)),
    min,
    max,
    quantiles: {
      p01: at(0.01),
      p05: at(0.05),
      p25: at(0.25),
      p50: at(0.5),
      p75: at(0.75),
      p95: at(0.95),
      p99: at(0.99),
    },
  };
}

function featureProfile(def: FeatureDef, column: Float64Array): FeatureProfile {
  const where = { name: def.name, column: def.column, ...(def.part ? { part: def.part } : {}) };
  let missing = 0;
  for (const v of column) if (Number.isNaN(v)) missing++;
  const missingShare = missing / Math.max(1, column.length);
  if (def.kind === 'numeric')
    return { ...where, kind: 'numeric', histogram: numericHistogram(column), missingShare };
  const counts = new Map<number, number>();
  for (const code of column) if (!Number.isNaN(code)) counts.set(code, (counts.get(code) ?? 0) + 1);
  const shares = Object.fromEntries(
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([code, count]) => [def.categories?.[code] ?? String(code), count / column.length]),
  );
  return { ...where, kind: 'categorical', shares, missingShare };
}

export function referenceProfile(
  defs: readonly FeatureDef[],
  features: FeatureMatrix,
  labels: Float64Array,
  predictions: Float64Array,
): ReferenceProfile {
  return {
    version: 1,
    rows: features.length,
    features: defs.map((def, f) => featureProfile(def, features.columns[f]!)),
    label: numericHistogram(labels),
    prediction: numericHistogram(predictions),
  };
}
