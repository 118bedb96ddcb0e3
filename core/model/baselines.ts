import type { DatasetSpec } from '../feature-spec';
import type { FeatureDef, FeatureMatrix } from './features';
import { median } from './objective';

/** A model so simple that any real model must beat it: fit on training rows, then predict. */
export interface Baseline {
  name: string;
  description: string;
  predict(features: FeatureMatrix): Float64Array;
}

/** The constant that minimises MAE on the training rows. */
export function globalMedianBaseline(labels: Float64Array): Baseline {
  const value = median(Float64Array.from(labels));
  return {
    name: 'global-median',
    description: `the training median (${value} for every row)`,
    predict: (features) => new Float64Array(features.length).fill(value),
  };
}

/**
 * The mean label per (first category column, hour of the time column): for flights, the mean
 * delay per origin airport and departure hour. Groups unseen in training get the global mean.
 */
export function groupMeanBaseline(
  spec: DatasetSpec,
  defs: readonly FeatureDef[],
  features: FeatureMatrix,
  labels: Float64Array,
): Baseline {
  const category = spec.features.find((c) => c.kind === 'category');
  const groupAt = defs.findIndex((d) => d.kind === 'categorical' && d.column === category?.name);
  const hourAt = defs.findIndex((d) => d.column === spec.timeColumn && d.part === 'hour');
  if (groupAt < 0 || hourAt < 0) {
    throw new Error('the group-mean baseline needs a category feature and the hour of the time column');
  }
  const key = (matrix: FeatureMatrix, i: number) =>
    matrix.columns[groupAt]![i]! * 24 + matrix.columns[hourAt]![i]!;
  const sums = new Map<number, { sum: number; count: number }>();
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const group = sums.get(key(features, i)) ?? { sum: 0, count: 0 };
    group.sum += labels[i]!;
    group.count++;
    sums.set(key(features, i), group);
    total += labels[i]!;
  }
  const fallback = total / Math.max(1, labels.length);
  return {
    name: `mean-per-${category!.name}-hour`,
    description: `the training mean per ${category!.name} and hour of ${spec.timeColumn}`,
    predict: (matrix) =>
      Float64Array.from({ length: matrix.length }, (_, i) => {
        const group = sums.get(key(matrix, i));
        return group ? group.sum / group.count : fallback;
      }),
  };
}
