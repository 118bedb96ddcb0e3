import type { NumericHistogram } from '../model/profile';

/**
 * Distributions known by bins, held as piecewise-linear CDFs so that KS and Wasserstein compare
 * them exactly, and a serving column never needs sorting: it is counted into bins once.
 */
export interface BinnedCdf {
  /** Ascending x of each knot; at equal x, ascending F (a jump). */
  x: number[];
  f: number[];
}

function cdfOf(knots: [number, number][]): BinnedCdf {
  knots.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { x: knots.map((k) => k[0]), f: knots.map((k) => k[1]) };
}

/**
 * The edges serving values are counted into: the profile's, plus its 1st and 99th percentiles
 * when they fall strictly inside the outer bins of a continuous feature, so the tails are known
 * better than "spread evenly from the minimum".
 */
export function countingEdges(h: NumericHistogram): number[] {
  const [low, high] = tailKnots(h);
  return [...(low ? [h.quantiles.p01] : []), ...h.edges, ...(high ? [h.quantiles.p99] : [])];
}

/** Whether the 1st and the 99th percentiles fall strictly inside the outer bins. */
export function tailKnots(h: NumericHistogram): [boolean, boolean] {
  const first = h.edges[0];
  const last = h.edges[h.edges.length - 1];
  if (first === undefined || last === undefined) return [false, false];
  const { p01, p99 } = h.quantiles;
  return [h.min < p01 && p01 < first, last < p99 && p99 < h.max];
}

/** The reference: its shares spread evenly within each bin, with its percentiles as extra knots. */
export function referenceCdf(h: NumericHistogram): BinnedCdf {
  const [low, high] = tailKnots(h);
  const { p01, p05, p95, p99 } = h.quantiles;
  // Beyond the 1st percentile, the 1% spreads as wide as the band from the 1st to the 5th (not
  // down to the minimum, one extreme value): right for normal-like tails, and the serving side's
  // tails are placed by their exact mean.
  const knots: [number, number][] = [
    [low ? Math.max(h.min, p01 - (p05 - p01)) : h.min, 0],
    [high ? Math.min(h.max, p99 + (p99 - p95)) : h.max, 1],
  ];
  if (low) knots.push([p01, 0.01]);
  if (high) knots.push([p99, 0.99]);
  let cumulative = 0;
  h.edges.forEach((edge, i) => {
    cumulative += h.shares[i] ?? 0;
    if (edge > h.min && edge < h.max) knots.push([edge, Math.min(1, cumulative)]);
  });
  return cdfOf(knots);
}

export interface CountedSample {
  /** Counts per bin of `edges` (edges.length + 1 bins). */
  counts: readonly number[];
  rows: number;
  min: number;
  max: number;
  /** Sum of the values in the first and in the last bin. */
  lowSum: number;
  highSum: number;
}

/**
 * A serving sample counted into bins. Within inner bins values spread evenly; each outer bin's
 * values spread evenly over the interval that gives them their exact mean (the tails of a shifted
 * or wider distribution are where a plain spread from min or max would be most wrong).
 */
export function sampleCdf(edges: readonly number[], s: CountedSample): BinnedCdf {
  const knots: [number, number][] = [];
  const first = edges[0];
  const last = edges[edges.length - 1];
  if (first === undefined || last === undefined)
    return cdfOf([
      [s.min, 0],
      [s.max, 1],
    ]);
  const lowCount = s.counts[0] ?? 0;
  const highCount = s.counts[edges.length] ?? 0;
  knots.push([lowCount > 0 ? Math.max(s.min, Math.min(first, (2 * s.lowSum) / lowCount - first)) : first, 0]);
  knots.push([highCount > 0 ? Math.min(s.max, Math.max(last, (2 * s.highSum) / highCount - last)) : last, 1]);
  let cumulative = 0;
  edges.forEach((edge, i) => {
    cumulative += s.counts[i] ?? 0;
    knots.push([edge, Math.min(1, cumulative / s.rows)]);
  });
  return cdfOf(knots);
}

/** F(x) by linear interpolation between knots: 0 before the first, 1 after the last. */
export function cdfAt(cdf: BinnedCdf, x: number): number {
  const { x: xs, f } = cdf;
  if (x < xs[0]!) return 0;
  if (x >= xs[xs.length - 1]!) return 1;
  let hi = 1;
  while (xs[hi]! <= x) hi++;
  const x0 = xs[hi - 1]!;
  const f0 = f[hi - 1]!;
  return f0 + ((f[hi]! - f0) * (x - x0)) / (xs[hi]! - x0);
}

/** F just before x (differs from F(x) at a jump). */
function leftLimit(cdf: BinnedCdf, x: number): number {
  const { x: xs, f } = cdf;
  if (x <= xs[0]!) return 0;
  let hi = 0;
  while (hi < xs.length && xs[hi]! < x) hi++;
  if (hi >= xs.length) return 1;
  const x0 = xs[hi - 1]!;
  const f0 = f[hi - 1]!;
  return f0 + ((f[hi]! - f0) * (x - x0)) / (xs[hi]! - x0);
}

function knotsOf(a: BinnedCdf, b: BinnedCdf): number[] {
  return [...new Set([...a.x, ...b.x])].sort((p, q) => p - q);
}

/** sup |Fa - Fb|: both are linear between knots, so the supremum is at a knot (either side of a jump). */
export function ksDistance(a: BinnedCdf, b: BinnedCdf): number {
  let d = 0;
  for (const x of knotsOf(a, b)) {
    d = Math.max(d, Math.abs(cdfAt(a, x) - cdfAt(b, x)), Math.abs(leftLimit(a, x) - leftLimit(b, x)));
  }
  return d;
}

/** ∫ |Fa - Fb| dx, the first Wasserstein distance, exact for piecewise-linear CDFs. */
export function wassersteinDistance(a: BinnedCdf, b: BinnedCdf): number {
  const xs = knotsOf(a, b);
  let area = 0;
  for (let i = 1; i < xs.length; i++) {
    const x0 = xs[i - 1]!;
    const x1 = xs[i]!;
    const width = x1 - x0;
    // The right-hand value at x0 and the left-hand one at x1: jumps at knots take no area.
    const d0 = cdfAt(a, x0) - cdfAt(b, x0);
    const d1 = leftLimit(a, x1) - leftLimit(b, x1);
    if (d0 * d1 >= 0) area += (width * (Math.abs(d0) + Math.abs(d1))) / 2;
    else area += (width * (d0 * d0 + d1 * d1)) / (2 * (Math.abs(d0) + Math.abs(d1)));
  }
  return area;
}
