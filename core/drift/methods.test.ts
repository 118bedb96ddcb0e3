import { chiSquaredTest, chooseMethod, isDrifted, jensenShannon, psi } from './methods';

describe('drift methods on category mixes', () => {
  it('chi-squared of counts 40/35/25 against shares 50/30/20 is SciPy chisquare: 4.0833, p 0.12981', () => {
    // scipy.stats.chisquare([40, 35, 25], [50, 30, 20]); the statistic is 2 + 25/30 + 25/20 by hand.
    expect(chiSquaredTest([0.5, 0.3, 0.2], [40, 35, 25])).toBeCloseTo(0.12981217685543797, 10);
  });

  it('chi-squared has p-value 0 when serving data has a category the reference never had', () => {
    expect(chiSquaredTest([0.5, 0.5, 0], [10, 10, 1])).toBe(0);
  });

  it('Jensen-Shannon distance matches scipy.spatial.distance.jensenshannon', () => {
    expect(jensenShannon([0.5, 0.3, 0.2], [0.4, 0.35, 0.25])).toBeCloseTo(0.07167825088993672, 12);
    expect(jensenShannon([0.7, 0.2, 0.1, 0], [0.1, 0.2, 0.3, 0.4])).toBeCloseTo(0.5397616613113791, 12);
    expect(jensenShannon([0.2, 0.8], [0.2, 0.8])).toBe(0);
  });

  it('PSI by hand: sum (cur - ref) ln(cur / ref), an empty bin counting as 0.0001', () => {
    const expected = (0.4 - 0.5) * Math.log(0.4 / 0.5) + (0.6 - 0.5) * Math.log(0.6 / 0.5);
    expect(psi([0.5, 0.5], [0.4, 0.6])).toBeCloseTo(expected, 12);
    expect(psi([1, 0], [0.5, 0.5])).toBeCloseTo(
      (0.5 - 1) * Math.log(0.5) + (0.5 - 0.0001) * Math.log(0.5 / 0.0001),
      12,
    );
  });

  it('chooses the method by type and sample size as Evidently does, and reads scores by their direction', () => {
    expect([chooseMethod('numeric', 1000), chooseMethod('numeric', 1001)]).toEqual(['ks', 'wasserstein']);
    expect([chooseMethod('categorical', 1000), chooseMethod('categorical', 1001)]).toEqual([
      'chisquare',
      'jensenshannon',
    ]);
    expect([isDrifted('ks', 0.049), isDrifted('ks', 0.051)]).toEqual([true, false]);
    expect([isDrifted('wasserstein', 0.11), isDrifted('wasserstein', 0.09)]).toEqual([true, false]);
  });
});
