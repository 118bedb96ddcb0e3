import { numericHistogram } from '../model/profile';
import { seededRandom } from '../model/random';
import { categoricalDrift, numericDrift } from './feature-drift';

function normals(n: number, mean: number, std: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - random();
    out[i] = mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  }
  return out;
}

const reference = numericHistogram(normals(1_000_000, 0, 1, 1));

describe('numeric drift against a profile histogram', () => {
  it('normalised Wasserstein between N(0,1) and N(0.5,1) is the shift, 0.5: drifted', () => {
    const m = numericDrift('x', 'feature', reference, 1_000_000, normals(200_000, 0.5, 1, 2))!;
    expect(m.method).toBe('wasserstein');
    expect(m.score).toBeGreaterThan(0.48);
    expect(m.score).toBeLessThan(0.52);
    expect(m.drifted).toBe(true);
  });

  it('Wasserstein between N(0,1) and N(0,2) is sqrt(2/pi) = 0.798 (SciPy on samples: 0.797)', () => {
    const m = numericDrift('x', 'feature', reference, 1_000_000, normals(200_000, 0, 2, 3))!;
    expect(Math.abs(m.score - Math.sqrt(2 / Math.PI))).toBeLessThan(0.03);
  });

  it('the same distribution does not drift by Wasserstein, and its PSI is near 0', () => {
    const m = numericDrift('x', 'feature', reference, 1_000_000, normals(200_000, 0, 1, 4))!;
    expect(m.score).toBeLessThan(0.02);
    expect(m.drifted).toBe(false);
    expect(m.psi).toBeLessThan(0.001);
  });

  it('KS on 1000 rows: a 0.5 shift (D = 2Φ(0.25) - 1 = 0.197) drifts, no shift does not', () => {
    const shifted = numericDrift('x', 'feature', reference, 1_000_000, normals(1000, 0.5, 1, 5))!;
    expect(shifted.method).toBe('ks');
    expect(shifted.score).toBeLessThan(1e-12);
    expect(shifted.drifted).toBe(true);
    const same = numericDrift('x', 'feature', reference, 1_000_000, normals(1000, 0, 1, 6))!;
    expect(same.score).toBeGreaterThan(0.05);
    expect(same.drifted).toBe(false);
  });

  it('a numeric feature of at most 5 values is compared as categories, as Evidently does', () => {
    const months = numericHistogram(Float64Array.from({ length: 3000 }, (_, i) => 1 + (i % 3)));
    const later = numericDrift('month', 'feature', months, 3000, Float64Array.from([4, 5, 6, 4, 5, 6]))!;
    expect(later.kind).toBe('categorical');
    expect(later.method).toBe('chisquare');
    expect(later.drifted).toBe(true);
  });

  it('missing values are left out, and a column of only missing values has no measure', () => {
    expect(numericDrift('x', 'feature', reference, 1, Float64Array.from([NaN, NaN]))).toBeUndefined();
    expect(numericDrift('x', 'feature', reference, 1, Float64Array.from([NaN, 0, 1]))!.rows).toBe(2);
  });
});

describe('categorical drift against profile shares', () => {
  const categories = ['ATL', 'ORD', 'LAX'];
  // Shares as the profile stores them: over all rows, 10% of them missing.
  const shares = { ATL: 0.45, ORD: 0.27, LAX: 0.18 };

  it('chi-squared on 100 rows matches SciPy chisquare([40, 35, 25], [50, 30, 20]): p 0.1298', () => {
    const codes = Float64Array.from([...Array(40).fill(0), ...Array(35).fill(1), ...Array(25).fill(2), NaN]);
    const m = categoricalDrift('origin', shares, categories, codes)!;
    expect(m.method).toBe('chisquare');
    expect(m.rows).toBe(100);
    expect(m.score).toBeCloseTo(0.12981217685543797, 9);
    expect(m.drifted).toBe(false);
  });

  it('Jensen-Shannon on 2000 rows matches SciPy jensenshannon([.5, .3, .2], [.4, .35, .25]) = 0.0717', () => {
    const codes = Float64Array.from([...Array(800).fill(0), ...Array(700).fill(1), ...Array(500).fill(2)]);
    const m = categoricalDrift('origin', shares, categories, codes)!;
    expect(m.method).toBe('jensenshannon');
    expect(m.score).toBeCloseTo(0.07167825088993672, 9);
    expect(m.drifted).toBe(false);
  });
});
