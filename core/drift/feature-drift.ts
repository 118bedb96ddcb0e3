import type { FeatureProfile, NumericHistogram } from '../model/profile';
import { countColumn } from './count-bins';
import {
  chiSquaredTest,
  chooseMethod,
  type DriftMethod,
  isDrifted,
  jensenShannon,
  ksTest,
  normalisedWasserstein,
  psi,
  THRESHOLDS,
} from './methods';

export interface DriftMeasure {
  feature: string;
  target: 'feature' | 'prediction';
  kind: 'numeric' | 'categorical';
  method: DriftMethod;
  score: number;
  threshold: number;
  drifted: boolean;
  psi: number;
  /** Serving values compared (missing ones left out, as Evidently drops NaN). */
  rows: number;
}

/** Evidently treats a numeric column of at most 5 values as categorical; here, at most 5 bins. */
const FEW_VALUES = 5;

function measure(
  name: string,
  target: DriftMeasure['target'],
  kind: DriftMeasure['kind'],
  rows: number,
  score: (method: DriftMethod) => number,
  psiValue: number,
): DriftMeasure {
  const method = chooseMethod(kind, rows);
  const value = score(method);
  return {
    feature: name,
    target,
    kind,
    method,
    score: value,
    threshold: THRESHOLDS[method],
    drifted: isDrifted(method, value),
    psi: psiValue,
    rows,
  };
}

/** Drift of numeric values against a profile histogram of `referenceRows` rows. */
export function numericDrift(
  name: string,
  target: DriftMeasure['target'],
  histogram: NumericHistogram,
  referenceRows: number,
  values: Float64Array,
): DriftMeasure | undefined {
  const { edges, sample, profileCounts, below, above } = countColumn(histogram, values);
  const { rows } = sample;
  if (rows === 0) return undefined;
  if (histogram.shares.length <= FEW_VALUES) {
    // Values the reference never had (a month after the training window) are categories of their own.
    const observed = [...profileCounts, below, above];
    observed[0]! -= below;
    observed[profileCounts.length - 1]! -= above;
    const expected = [...histogram.shares, 0, 0];
    const current = observed.map((c) => c / rows);
    return measure(
      name,
      target,
      'categorical',
      rows,
      (method) =>
        method === 'chisquare' ? chiSquaredTest(expected, observed) : jensenShannon(expected, current),
      psi(expected, current),
    );
  }
  return measure(
    name,
    target,
    'numeric',
    rows,
    (method) =>
      method === 'ks'
        ? ksTest(histogram, referenceRows, edges, sample)
        : normalisedWasserstein(histogram, edges, sample),
    psi(
      histogram.shares,
      profileCounts.map((c) => c / rows),
    ),
  );
}

/** Drift of category codes (index into `categories`; NaN missing or unknown) against profile shares. */
export function categoricalDrift(
  name: string,
  shares: Readonly<Record<string, number>>,
  categories: readonly string[],
  codes: Float64Array,
): DriftMeasure | undefined {
  const size = categories.length;
  const counts = new Float64Array(size);
  let rows = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (!(code >= 0 && code < size)) continue;
    counts[code | 0]!++;
    rows++;
  }
  if (rows === 0) return undefined;
  // Profile shares count missing rows in their denominator; the tests compare present values only.
  const present = categories.reduce((sum, c) => sum + (shares[c] ?? 0), 0) || 1;
  const keys = categories.flatMap((c, i) => ((shares[c] ?? 0) > 0 || counts[i]! > 0 ? [i] : []));
  const reference = keys.map((i) => (shares[categories[i]!] ?? 0) / present);
  const observed = keys.map((i) => counts[i]!);
  const current = observed.map((c) => c / rows);
  return measure(
    name,
    'feature',
    'categorical',
    rows,
    (method) =>
      method === 'chisquare' ? chiSquaredTest(reference, observed) : jensenShannon(reference, current),
    psi(reference, current),
  );
}

/** Drift of one model feature's serving column against its profile. */
export function featureDrift(
  profile: FeatureProfile,
  referenceRows: number,
  values: Float64Array,
  categories: readonly string[] | undefined,
): DriftMeasure | undefined {
  if (profile.kind === 'numeric')
    return numericDrift(profile.name, 'feature', profile.histogram, referenceRows, values);
  // Without the definition's names, the profile keyed each category by its code.
  const byCode = Object.keys(profile.shares).map(Number).filter(Number.isInteger);
  const names = categories ?? Array.from({ length: Math.max(-1, ...byCode) + 1 }, (_, i) => String(i));
  return categoricalDrift(profile.name, profile.shares, names, values);
}
