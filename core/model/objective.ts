/**
 * What the boosting minimises. Delays are heavy-tailed and the model is judged on MAE, so L1 is
 * the default: its gradient is the sign of the error, so a flight 900 minutes late pulls no
 * harder than one 20 minutes late, and each leaf is then refit to the median residual of its
 * rows (LightGBM's leaf renewal), the exact L1 optimum for the leaf. L2 and Huber are here for
 * comparison. All three have a constant hessian of 1, so histograms count rows instead.
 */
export type ObjectiveName = 'l1' | 'l2' | 'huber';

export interface Objective {
  initial(labels: Float64Array): number;
  /** The loss's gradient with respect to the prediction, from residual = label - prediction. */
  gradient(residual: number): number;
  /** A leaf's value from its rows' residuals[start, end) (which it may reorder) and gradient sum. */
  leafValue(residuals: Float32Array, start: number, end: number, sumG: number, lambda: number): number;
}

/** The k-th smallest of values[lo, hi] (quickselect; reorders that range). */
export function selectKth(values: Float64Array | Float32Array, lo: number, hi: number, k: number): number {
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** The median of values[start, end) (reorders that range). */
export function median(values: Float64Array | Float32Array, start = 0, end = values.length): number {
  const n = end - start;
  if (n <= 0) return 0;
  const mid = start + (n >> 1);
  const upper = selectKth(values, start, end - 1, mid);
  return n % 2 === 1 ? upper : (upper + selectKth(values, start, mid - 1, mid - 1)) / 2;
}

const l1: Objective = {
  initial: (labels) => median(Float64Array.from(labels)),
  gradient: (residual) => (residual > 0 ? -1 : residual < 0 ? 1 : 0),
  leafValue: (residuals, start, end) => median(residuals, start, end),
};

const l2: Objective = {
  initial: (labels) => labels.reduce((s, v) => s + v, 0) / Math.max(1, labels.length),
  gradient: (residual) => -residual,
  leafValue: (_residuals, start, end, sumG, lambda) => -sumG / (end - start + lambda),
};

function huber(delta: number): Objective {
  return {
    initial: l1.initial,
    gradient: (residual) => -Math.max(-delta, Math.min(delta, residual)),
    leafValue: l2.leafValue,
  };
}

export function objectiveFor(name: ObjectiveName, huberDelta: number): Objective {
  return name === 'l1' ? l1 : name === 'l2' ? l2 : huber(huberDelta);
}
