import type { NumericHistogram } from '../model/profile';
import { type CountedSample, countingEdges, tailKnots } from './cdf';

export interface CountedColumn {
  /** Edges the values were counted into (the profile's plus tail percentiles, see countingEdges). */
  edges: number[];
  sample: CountedSample;
  /** Counts per bin of the profile's own edges (for PSI and the categorical tests). */
  profileCounts: number[];
  /** Values below the reference's minimum or above its maximum (also in the first or last bin). */
  below: number;
  above: number;
}

/** One pass over a column: bin counts, min, max and the outer bins' sums. NaN is missing and skipped. */
export function countColumn(histogram: NumericHistogram, values: Float64Array): CountedColumn {
  const edges = countingEdges(histogram);
  const at = Float64Array.from(edges);
  const last = edges.length;
  const counts = new Float64Array(last + 1);
  const first = edges[0] ?? Infinity;
  const top = edges[last - 1] ?? -Infinity;
  const { min: refMin, max: refMax } = histogram;
  let min = Infinity;
  let max = -Infinity;
  let rows = 0;
  let below = 0;
  let above = 0;
  let lowSum = 0;
  let highSum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v <= at[mid]!) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]!++;
    if (v <= first) lowSum += v;
    else if (v > top) highSum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v < refMin) below++;
    else if (v > refMax) above++;
    rows++;
  }
  const all = Array.from(counts);
  const [low, high] = tailKnots(histogram);
  const profileCounts = all.slice(low ? 1 : 0, high ? -1 : undefined);
  if (low) profileCounts[0]! += all[0]!;
  if (high) profileCounts[profileCounts.length - 1]! += all[all.length - 1]!;
  return { edges, sample: { counts: all, rows, min, max, lowSum, highSum }, profileCounts, below, above };
}
