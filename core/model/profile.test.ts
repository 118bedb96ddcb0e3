import type { FeatureDef } from './features';
import { HISTOGRAM_BINS, histogramBin, numericHistogram, referenceProfile } from './profile';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('reference profile', () => {
  it('cuts a continuous feature at quantiles into shares that sum to one', () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const h = numericHistogram(values);
    expect(h.shares).toHaveLength(h.edges.length + 1);
    expect(h.shares.length).toBeLessThanOrEqual(HISTOGRAM_BINS);
    expect(sum(h.shares)).toBeCloseTo(1, 10);
    expect(Math.max(...h.shares)).toBeLessThan(0.07);
    expect([h.min, h.max, h.quantiles.p50]).toEqual([0, 9999, 5000]);
    expect(h.mean).toBeCloseTo(4999.5, 6);
  });

  it('gives a feature with few distinct values one bin per value', () => {
    const hours = Float64Array.from({ length: 240 }, (_, i) => i % 24);
    const h = numericHistogram(hours);
    expect(h.edges).toHaveLength(23);
    expect(h.shares.every((s) => Math.abs(s - 1 / 24) < 1e-12)).toBe(true);
    // The bin rule serving data must follow: v goes to the first i with v <= edges[i].
    expect([0, 1, 23].map((v) => histogramBin(h.edges, v))).toEqual([0, 1, 23]);
  });

  it('records category shares by name, missing values apart, and the label and prediction distributions', () => {
    const defs: FeatureDef[] = [
      { name: 'origin', kind: 'categorical', column: 'origin', categories: ['ATL', 'BOS', 'ORD'] },
    ];
    const codes = Float64Array.of(0, 0, 2, NaN);
    const profile = referenceProfile(
      defs,
      { length: 4, columns: [codes] },
      Float64Array.of(1, 2, 3, 4),
      Float64Array.of(2, 2, 2, 2),
    );
    const origin = profile.features[0]!;
    expect(origin).toMatchObject({
      kind: 'categorical',
      shares: { ATL: 0.5, ORD: 0.25 },
      missingShare: 0.25,
    });
    expect(profile.rows).toBe(4);
    expect(profile.label.max).toBe(4);
    expect(profile.prediction.shares).toEqual([1]);
  });
});
