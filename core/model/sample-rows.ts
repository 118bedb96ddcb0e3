/**
 * The rows one tree is grown on, copied out of the training set so they sit contiguous in memory:
 * growing a tree reorders these copies (not an index over the full data), so the rows of every
 * node stay contiguous and a histogram is a sequential scan. On 1.5M rows the indexed version
 * spent most of its time waiting on cache misses.
 */
export interface SampledRows {
  featureCount: number;
  count: number;
  /** Bytes per row: the feature count rounded up to whole 32-bit words, so a row moves as words. */
  stride: number;
  /** Row-major bins of the sampled rows (row k's feature f at k*stride + f). */
  bins: Uint8Array;
  /** The same bytes as words (row k at words k*stride/4 ..). */
  words: Uint32Array;
  /** Single precision halves what a partition moves; gradients here are small and leaf values medians. */
  gradients: Float32Array;
  /** label - prediction, which the leaf values are fit to. */
  residuals: Float32Array;
  /** Each sampled row's index in the training set. */
  rows: Uint32Array;
}

export function allocateSample(capacity: number, featureCount: number): SampledRows {
  const stride = Math.ceil(featureCount / 4) * 4;
  const words = new Uint32Array((capacity * stride) / 4);
  return {
    featureCount,
    count: 0,
    stride,
    bins: new Uint8Array(words.buffer),
    words,
    gradients: new Float32Array(capacity),
    residuals: new Float32Array(capacity),
    rows: new Uint32Array(capacity),
  };
}

/**
 * Copies a random share of the rows into `out`, with their residuals and the objective's
 * gradients. `random` is xorshift32 state, advanced in place (one call per row would cost more
 * than the copy).
 */
export function sampleRows(
  bins: Uint8Array,
  labels: Float64Array,
  predictions: Float64Array,
  gradient: (residual: number) => number,
  share: number,
  random: Uint32Array,
  out: SampledRows,
): void {
  const f = out.featureCount;
  const below = Math.min(2 ** 32 - 1, Math.floor(share * 2 ** 32));
  let state = random[0]! || 1;
  let count = 0;
  for (let row = 0; row < labels.length; row++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    if (share < 1 && state >>> 0 >= below) continue;
    for (let j = 0; j < f; j++) out.bins[count * out.stride + j] = bins[row * f + j]!;
    const residual = labels[row]! - predictions[row]!;
    out.residuals[count] = residual;
    out.gradients[count] = gradient(residual);
    out.rows[count] = row;
    count++;
  }
  random[0] = state;
  out.count = count;
}

function moveRow(from: SampledRows, k: number, to: SampledRows, at: number): void {
  const w = from.stride >>> 2;
  for (let j = 0; j < w; j++) to.words[at * w + j] = from.words[k * w + j]!;
  to.gradients[at] = from.gradients[k]!;
  to.residuals[at] = from.residuals[k]!;
  to.rows[at] = from.rows[k]!;
}

/**
 * Stable partition of [start, end) by a split (see split.ts): rows that go left move to the front
 * in order, the others follow in order. Returns where the right side begins.
 */
export function partitionRows(
  data: SampledRows,
  start: number,
  end: number,
  split: { feature: number; threshold: number; leftBins: Uint32Array | null },
  aside: SampledRows,
): number {
  const { feature, threshold, leftBins } = split;
  const { stride } = data;
  let write = start;
  let moved = 0;
  for (let k = start; k < end; k++) {
    const bin = data.bins[k * stride + feature]!;
    if (leftBins ? ((leftBins[bin >>> 5]! >>> (bin & 31)) & 1) === 1 : bin <= threshold) {
      if (write !== k) moveRow(data, k, data, write);
      write++;
    } else moveRow(data, k, aside, moved++);
  }
  data.bins.set(aside.bins.subarray(0, moved * stride), write * stride);
  data.gradients.set(aside.gradients.subarray(0, moved), write);
  data.residuals.set(aside.residuals.subarray(0, moved), write);
  data.rows.set(aside.rows.subarray(0, moved), write);
  return write;
}
