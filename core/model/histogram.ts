import { MAX_BINS } from './binning';
import type { SampledRows } from './sample-rows';

/**
 * The gradient histogram of one tree node: for each feature and bin, the sum of the rows'
 * gradients and their count, interleaved as [sum, count] pairs. Every objective here has a
 * constant hessian of 1 (L1, L2, Huber), so the count is the hessian sum.
 */
export type Histogram = Float64Array;

export const histogramSize = (featureCount: number) => featureCount * MAX_BINS * 2;

/** The histogram of the contiguous sampled rows [start, end), into `out`. */
export function buildHistogram(out: Histogram, data: SampledRows, start: number, end: number): void {
  out.fill(0);
  const { bins, gradients, featureCount, stride } = data;
  for (let k = start; k < end; k++) {
    const g = gradients[k]!;
    const base = k * stride;
    for (let f = 0; f < featureCount; f++) {
      const slot = (f * MAX_BINS + bins[base + f]!) << 1;
      out[slot]! += g;
      out[slot + 1]!++;
    }
  }
}

/** The sibling's histogram without touching its rows: parent minus the child that was built. */
export function subtractHistogram(out: Histogram, parent: Histogram, child: Histogram): void {
  for (let i = 0; i < out.length; i++) out[i] = parent[i]! - child[i]!;
}
