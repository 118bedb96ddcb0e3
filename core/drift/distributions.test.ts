import { chiSquaredSurvival, kolmogorovSurvival, ksPValue } from './distributions';

// Reference values from SciPy 1.17.1: scipy.special.kolmogorov, scipy.stats.chi2.sf, scipy.stats.kstwo.sf.
describe('survival functions', () => {
  it.each([
    [0.5, 0.9639452436648751],
    [0.8, 0.5441424115741981],
    [1.0, 0.26999967167735456],
    [1.2, 0.11224966667072497],
    [1.36, 0.049485876755377876],
    [2.0, 0.0006709252557796953],
  ])('Kolmogorov Q(%p) matches SciPy', (lambda, expected) => {
    expect(kolmogorovSurvival(lambda)).toBeCloseTo(expected, 9);
  });

  it.each([
    [3.841458820694124, 1, 0.05],
    [10, 4, 0.04042768199451279],
    [0.5, 10, 0.999993388289439],
    [200, 150, 0.003973185970821635],
    [4.083333333333333, 2, 0.129812176855438],
    [30, 3, 1.3800570312932553e-6],
  ])('chi-squared sf(%p, df %p) matches SciPy', (x, df, expected) => {
    expect(chiSquaredSurvival(x, df)).toBeCloseTo(expected, 10);
    expect(Math.abs(chiSquaredSurvival(x, df) - expected) / expected).toBeLessThan(1e-8);
  });

  it('chi-squared with two degrees of freedom is exp(-x/2), a closed form', () => {
    for (const x of [0.1, 1, 5, 20]) expect(chiSquaredSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
  });

  it('an infinite statistic (a category the reference never had) has p-value 0', () => {
    expect(chiSquaredSurvival(Infinity, 3)).toBe(0);
  });

  it('the two-sample KS p-value is within 3% of SciPy kstwo at the effective size', () => {
    // d = 0.06, 500 serving rows against a 1,000,000-row reference: kstwo.sf(0.06, 500) = 0.05243.
    expect(Math.abs(ksPValue(0.06, 500, 1_000_000) - 0.05243463489026223)).toBeLessThan(0.0016);
  });
});
