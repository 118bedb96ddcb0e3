/**
 * The two survival functions drift tests need, written out so drift stays pure TypeScript:
 * the Kolmogorov distribution (the KS test's p-value) and the chi-squared distribution.
 * Formulas from Numerical Recipes (3rd ed., 6.2 and 6.14); the tests check them against values
 * with closed forms and against SciPy.
 */

/** Q_KS(λ) = 2 Σ (-1)^(k-1) exp(-2 k² λ²): the probability that √n·D exceeds λ (large n). */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1.18) {
    // The alternating series converges slowly for small λ; this dual form converges fast there.
    const y = Math.exp(-(Math.PI * Math.PI) / (8 * lambda * lambda));
    const sum = y + y ** 9 + y ** 25 + y ** 49;
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  const x = Math.exp(-2 * lambda * lambda);
  return Math.min(1, Math.max(0, 2 * (x - x ** 4 + x ** 9 - x ** 16)));
}

/**
 * Two-sample KS p-value for statistic d with sample sizes n and m: the asymptotic distribution at
 * the effective size n·m/(n+m), with Stephens' small-sample correction.
 */
export function ksPValue(d: number, n: number, m: number): number {
  const en = Math.sqrt((n * m) / (n + m));
  return kolmogorovSurvival((en + 0.12 + 0.11 / en) * d);
}

const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
  0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
  -0.210264441724104883e-3, 0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4,
  -0.261908384015814087e-4, 0.368991826595316234e-5,
];

export function logGamma(x: number): number {
  let y = x;
  const t = x + 5.2421875;
  const tmp = (x + 0.5) * Math.log(t) - t;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** The regularized upper incomplete gamma function Q(a, x). */
function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series for P(a, x), then Q = 1 - P.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  // Continued fraction for Q (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.min(1, Math.exp(logPrefix) * h);
}

/** P(X > x) for X chi-squared with `df` degrees of freedom. */
export function chiSquaredSurvival(x: number, df: number): number {
  if (!Number.isFinite(x)) return x > 0 ? 0 : 1;
  return upperGamma(df / 2, x / 2);
}
