import { MAX_BINS } from './binning';
import type { Histogram } from './histogram';

export interface SplitParams {
  minDataInLeaf: number;
  /** L2 penalty on leaf values: a split's gain is sum over sides of G^2 / (n + lambda). */
  lambda: number;
  /** Extra penalty (and sorting smoothing) for category splits, which overfit more easily. */
  categoricalL2: number;
  /** A category with fewer rows in the node is not sorted on its own and stays on the right. */
  minDataPerCategory: number;
}

export interface Split {
  gain: number;
  feature: number;
  /** Numeric: rows with bin <= threshold go left. */
  threshold: number;
  /** Categorical: the bins that go left, as a 256-bit set. */
  leftBins: Uint32Array | null;
  leftCount: number;
}

const score = (g: number, n: number, l2: number) => (g * g) / (n + l2);

function bestNumeric(hist: Histogram, f: number, binCount: number, p: SplitParams, total: [number, number]) {
  const [sumG, count] = total;
  const parent = score(sumG, count, p.lambda);
  let best: Split | null = null;
  let g = 0;
  let n = 0;
  for (let b = 0; b < binCount - 1; b++) {
    const slot = (f * MAX_BINS + b) << 1;
    g += hist[slot]!;
    n += hist[slot + 1]!;
    if (n < p.minDataInLeaf) continue;
    if (count - n < p.minDataInLeaf) break;
    const gain = score(g, n, p.lambda) + score(sumG - g, count - n, p.lambda) - parent;
    if (gain > (best?.gain ?? 0)) best = { gain, feature: f, threshold: b, leftBins: null, leftCount: n };
  }
  return best;
}

/** Categories sorted by mean gradient, then the best prefix from either end goes left (LightGBM's method). */
function bestCategorical(
  hist: Histogram,
  f: number,
  binCount: number,
  p: SplitParams,
  total: [number, number],
) {
  const [sumG, count] = total;
  const l2 = p.lambda + p.categoricalL2;
  const parent = score(sumG, count, l2);
  const order: number[] = [];
  const ratio = new Float64Array(binCount);
  for (let b = 1; b < binCount; b++) {
    const slot = (f * MAX_BINS + b) << 1;
    if (hist[slot + 1]! < p.minDataPerCategory) continue;
    order.push(b);
    ratio[b] = hist[slot]! / (hist[slot + 1]! + p.categoricalL2);
  }
  order.sort((a, b) => ratio[a]! - ratio[b]!);
  let best = { gain: 0, size: 0, fromEnd: false, leftCount: 0 };
  for (const fromEnd of [false, true]) {
    let g = 0;
    let n = 0;
    for (let k = 0; k < order.length - 1; k++) {
      const slot = (f * MAX_BINS + order[fromEnd ? order.length - 1 - k : k]!) << 1;
      g += hist[slot]!;
      n += hist[slot + 1]!;
      if (n < p.minDataInLeaf) continue;
      if (count - n < p.minDataInLeaf) break;
      const gain = score(g, n, l2) + score(sumG - g, count - n, l2) - parent;
      if (gain > best.gain) best = { gain, size: k + 1, fromEnd, leftCount: n };
    }
  }
  if (best.size === 0) return null;
  const leftBins = new Uint32Array(MAX_BINS / 32);
  const chosen = best.fromEnd ? order.slice(order.length - best.size) : order.slice(0, best.size);
  for (const b of chosen) leftBins[b >>> 5]! |= 1 << (b & 31);
  return { gain: best.gain, feature: f, threshold: -1, leftBins, leftCount: best.leftCount } satisfies Split;
}

/**
 * The best split of a node over the allowed features (all when `allowed` is null), or null when
 * none gains anything under the limits.
 */
export function findBestSplit(
  hist: Histogram,
  binCounts: readonly number[],
  categorical: readonly boolean[],
  params: SplitParams,
  total: [sumG: number, count: number],
  allowed: ReadonlySet<number> | null,
): Split | null {
  let best: Split | null = null;
  for (let f = 0; f < binCounts.length; f++) {
    if (allowed && !allowed.has(f)) continue;
    const find = categorical[f] ? bestCategorical : bestNumeric;
    const candidate = find(hist, f, binCounts[f]!, params, total);
    if (candidate && candidate.gain > (best?.gain ?? 0)) best = candidate;
  }
  return best;
}
