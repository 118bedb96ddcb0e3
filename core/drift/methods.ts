import type { NumericHistogram } from '../model/profile';
import { type CountedSample, ksDistance, referenceCdf, sampleCdf, wassersteinDistance } from './cdf';
import { chiSquaredSurvival, ksPValue } from './distributions';

/**
 * The drift tests, each on binned data: shares (reference) against counts (serving) over the
 * same bins or categories. Thresholds are Evidently's defaults; a p-value drifts below its
 * threshold, a distance above it.
 */
export type DriftMethod = 'ks' | 'wasserstein' | 'chisquare' | 'jensenshannon';

export const THRESHOLDS: Record<DriftMethod, number> = {
  ks: 0.05,
  wasserstein: 0.1,
  chisquare: 0.05,
  jensenshannon: 0.1,
};

export const isPValue = (method: DriftMethod) => method === 'ks' || method === 'chisquare';

export const isDrifted = (method: DriftMethod, score: number) =>
  isPValue(method) ? score < THRESHOLDS[method] : score > THRESHOLDS[method];

/** Evidently's choice by type and size: small samples get a test, large ones a distance. */
export function chooseMethod(kind: 'numeric' | 'categorical', rows: number): DriftMethod {
  if (kind === 'numeric') return rows <= 1000 ? 'ks' : 'wasserstein';
  return rows <= 1000 ? 'chisquare' : 'jensenshannon';
}

/** Two-sample KS p-value of the binned CDFs; `edges` are the ones the sample was counted into. */
export function ksTest(
  reference: NumericHistogram,
  referenceRows: number,
  edges: readonly number[],
  sample: CountedSample,
): number {
  const d = ksDistance(referenceCdf(reference), sampleCdf(edges, sample));
  return ksPValue(d, sample.rows, referenceRows);
}

/** Wasserstein distance over the reference's standard deviation (at least 0.001), as Evidently normalises it. */
export function normalisedWasserstein(
  reference: NumericHistogram,
  edges: readonly number[],
  sample: CountedSample,
): number {
  const w = wassersteinDistance(referenceCdf(reference), sampleCdf(edges, sample));
  return w / Math.max(reference.std, 0.001);
}

/** Pearson's chi-squared test of serving counts against reference shares (SciPy's chisquare, as Evidently calls it). */
export function chiSquaredTest(referenceShares: readonly number[], currentCounts: readonly number[]): number {
  const n = currentCounts.reduce((a, b) => a + b, 0);
  let statistic = 0;
  let categories = 0;
  currentCounts.forEach((observed, i) => {
    const expected = (referenceShares[i] ?? 0) * n;
    if (expected === 0 && observed === 0) return;
    categories++;
    statistic += expected === 0 ? Infinity : (observed - expected) ** 2 / expected;
  });
  return categories < 2 ? 1 : chiSquaredSurvival(statistic, categories - 1);
}

/** Jensen-Shannon distance (SciPy's `jensenshannon`, natural log): the square root of the divergence. */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  const sp = p.reduce((a, b) => a + b, 0) || 1;
  const sq = q.reduce((a, b) => a + b, 0) || 1;
  let divergence = 0;
  p.forEach((pv, i) => {
    const a = pv / sp;
    const b = (q[i] ?? 0) / sq;
    const m = (a + b) / 2;
    if (a > 0) divergence += (a * Math.log(a / m)) / 2;
    if (b > 0) divergence += (b * Math.log(b / m)) / 2;
  });
  return Math.sqrt(Math.max(0, divergence));
}

/** Population stability index; an empty bin counts as 0.0001, as Evidently does. */
export function psi(reference: readonly number[], current: readonly number[]): number {
  let sum = 0;
  reference.forEach((r, i) => {
    const a = r || 0.0001;
    const b = current[i] || 0.0001;
    sum += (b - a) * Math.log(b / a);
  });
  return sum;
}
