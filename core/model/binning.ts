import type { FeatureDef, FeatureMatrix } from './features';
import { seededRandom } from './random';

/**
 * Every feature value becomes a bin of one byte before the trees see it, in training and in
 * serving alike, so a split is "bin <= t" or "bin in set" and never compares floats twice.
 * Bin 0 holds missing values (and, for categories, values unseen in training); it goes left.
 */
export const MAX_BINS = 256;

export type FeatureBins =
  /** Bin b (1-based) holds values v with cuts[b-2] < v <= cuts[b-1]. */
  | { kind: 'numeric'; cuts: number[] }
  /** The bin of each category code. */
  | { kind: 'categorical'; binOfCode: number[] };

const SAMPLE_SIZE = 200_000;

function numericCuts(column: Float64Array, maxBins: number, random: () => number): number[] {
  const step = Math.max(1, column.length / SAMPLE_SIZE);
  const sample: number[] = [];
  for (let i = Math.floor(random() * step); i < column.length; i += step) {
    const v = column[Math.floor(i)]!;
    if (!Number.isNaN(v)) sample.push(v);
  }
  sample.sort((a, b) => a - b);
  const distinct: number[] = [];
  const counts: number[] = [];
  for (const v of sample) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) {
      counts[counts.length - 1]!++;
    } else {
      distinct.push(v);
      counts.push(1);
    }
  }
  // Few distinct values (hours, months): one bin each. Many: bins of about equal counts.
  const target = distinct.length <= maxBins - 1 ? 0 : sample.length / (maxBins - 1);
  const cuts: number[] = [];
  let sinceCut = 0;
  for (let d = 0; d < distinct.length - 1 && cuts.length < maxBins - 2; d++) {
    sinceCut += counts[d]!;
    if (sinceCut >= target) {
      cuts.push((distinct[d]! + distinct[d + 1]!) / 2);
      sinceCut = 0;
    }
  }
  return cuts;
}

function categoricalBins(column: Float64Array, categoryCount: number, maxBins: number): number[] {
  const counts = new Float64Array(categoryCount);
  for (let i = 0; i < column.length; i++) {
    const code = column[i]!;
    if (code >= 0 && code < categoryCount) counts[code]!++;
  }
  const kept = [...counts.keys()]
    .filter((code) => counts[code]! > 0)
    .sort((a, b) => counts[b]! - counts[a]! || a - b)
    .slice(0, maxBins - 1)
    .sort((a, b) => a - b);
  const binOfCode = new Array<number>(categoryCount).fill(0);
  kept.forEach((code, rank) => (binOfCode[code] = rank + 1));
  return binOfCode;
}

export function fitBins(matrix: FeatureMatrix, defs: readonly FeatureDef[], seed: number): FeatureBins[] {
  const random = seededRandom(seed);
  return defs.map((def, f) =>
    def.kind === 'numeric'
      ? { kind: 'numeric', cuts: numericCuts(matrix.columns[f]!, MAX_BINS - 1, random) }
      : {
          kind: 'categorical',
          binOfCode: categoricalBins(matrix.columns[f]!, def.categories?.length ?? 0, MAX_BINS - 1),
        },
  );
}

/** The number of bins a feature uses (bin 0 included). */
export function binCount(bins: FeatureBins): number {
  return bins.kind === 'numeric' ? bins.cuts.length + 2 : Math.max(0, ...bins.binOfCode) + 1;
}

/** Turns one feature's values into bins; built once per feature and reused for every batch. */
export type Binner = (values: Float64Array) => Uint8Array;

const MAX_LOOKUP_SPAN = 1 << 16;

/**
 * Categories go through a table by code. Numbers take a binary search over the cuts, except
 * whole numbers within a modest range (hours, minutes of the day, miles), which a table indexed
 * by the value answers in one read: serving bins every row, so this is on the hot path.
 */
export function binnerFor(bins: FeatureBins): Binner {
  if (bins.kind === 'categorical') {
    const table = Uint8Array.from(bins.binOfCode);
    return (values) => {
      const out = new Uint8Array(values.length);
      for (let i = 0; i < values.length; i++) out[i] = table[values[i]!] ?? 0;
      return out;
    };
  }
  const cuts = Float64Array.from(bins.cuts);
  const search = (v: number) => {
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v <= cuts[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo + 1;
  };
  const first = Math.floor(cuts[0] ?? 0);
  const span = Math.ceil(cuts[cuts.length - 1] ?? 0) - first + 1;
  const lookup =
    span <= MAX_LOOKUP_SPAN ? Uint8Array.from({ length: span }, (_, k) => search(first + k)) : undefined;
  return (values) => {
    const out = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const k = v - first;
      if (lookup && k === (k | 0) && k >= 0 && k < span) out[i] = lookup[k]!;
      else if (!Number.isNaN(v)) out[i] = search(v);
    }
    return out;
  };
}

/** Bins one feature's values. */
export function binColumn(values: Float64Array, bins: FeatureBins): Uint8Array {
  return binnerFor(bins)(values);
}

/** Bins a whole matrix, row-major (row i's features at i*F .. i*F+F-1): how training reads it. */
export function applyBins(matrix: FeatureMatrix, bins: readonly FeatureBins[]): Uint8Array {
  const featureCount = bins.length;
  const out = new Uint8Array(matrix.length * featureCount);
  bins.forEach((b, f) => {
    const column = binColumn(matrix.columns[f]!, b);
    for (let i = 0; i < matrix.length; i++) out[i * featureCount + f] = column[i]!;
  });
  return out;
}
