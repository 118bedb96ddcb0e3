import { applyBins, binColumn, binCount, fitBins } from './binning';
import type { FeatureDef } from './features';

const numeric: FeatureDef = { name: 'x', kind: 'numeric', column: 'x' };
const categorical: FeatureDef = {
  name: 'c',
  kind: 'categorical',
  column: 'c',
  categories: ['a', 'b', 'c', 'd'],
};

describe('binning', () => {
  it('gives each value its own bin when there are few distinct values', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => i % 24);
    const [bins] = fitBins({ length: 1000, columns: [values] }, [numeric], 1);
    const column = binColumn(Float64Array.of(0, 1, 23, 11.4, NaN, -5, 99), bins!);
    expect([...column]).toEqual([1, 2, 24, 12, 0, 1, 24]);
    expect(binCount(bins!)).toBe(25);
  });

  it('cuts many distinct values into at most 255 bins of about equal counts', () => {
    const values = Float64Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 100_000);
    const [bins] = fitBins({ length: values.length, columns: [values] }, [numeric], 1);
    expect(binCount(bins!)).toBeLessThanOrEqual(256);
    const counts = new Map<number, number>();
    for (const b of binColumn(values, bins!)) counts.set(b, (counts.get(b) ?? 0) + 1);
    const sizes = [...counts.values()];
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThan(2);
  });

  it('puts missing values and categories unseen in training in bin 0', () => {
    const codes = Float64Array.of(0, 0, 2, 2, 2, NaN);
    const [bins] = fitBins({ length: codes.length, columns: [codes] }, [categorical], 1);
    expect([...binColumn(Float64Array.of(0, 1, 2, 3, NaN), bins!)]).toEqual([1, 0, 2, 0, 0]);
  });

  it('lays a matrix out row by row for training', () => {
    const matrix = { length: 2, columns: [Float64Array.of(1, 2), Float64Array.of(0, 2)] };
    const fitted = fitBins(matrix, [numeric, categorical], 1);
    expect([...applyBins(matrix, fitted)]).toEqual([1, 1, 2, 2]);
  });
});
