import { median, objectiveFor, selectKth } from './objective';
import { seededRandom } from './random';

describe('objectives', () => {
  it('select the k-th smallest value and the median exactly, duplicates and all', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 60);
      const values = Float64Array.from({ length: n }, () => Math.round(random() * 20) - 10);
      const sorted = [...values].sort((a, b) => a - b);
      const k = Math.floor(random() * n);
      expect(selectKth(Float64Array.from(values), 0, n - 1, k)).toBe(sorted[k]);
      const expected = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
      expect(median(Float64Array.from(values))).toBe(expected);
    }
  });

  it('take the median of a sub-range only', () => {
    expect(median(Float32Array.of(100, 3, 1, 2, -100), 1, 4)).toBe(2);
  });

  it('give L1 the sign of the error as gradient and the median residual as leaf value', () => {
    const l1 = objectiveFor('l1', 0);
    expect([l1.gradient(900), l1.gradient(-3), l1.gradient(0)]).toEqual([-1, 1, 0]);
    expect(l1.leafValue(Float32Array.of(1, 2, 900), 0, 3, 0, 1)).toBe(2);
    expect(l1.initial(Float64Array.of(5, -1, 1000))).toBe(5);
  });

  it('give L2 the error as gradient and the regularised mean as leaf value', () => {
    const l2 = objectiveFor('l2', 0);
    expect(l2.gradient(4)).toBe(-4);
    expect(l2.leafValue(Float32Array.of(), 0, 3, -9, 0)).toBe(3);
  });
});
