import type { FeatureDef, FeatureMatrix } from '../model/features';
import type { ReferenceProfile } from '../model/profile';
import { type DriftMeasure, featureDrift, numericDrift } from './feature-drift';

/** Evidently's default: the data set drifted when at least half of its features did. */
export const DATASET_DRIFT_SHARE = 0.5;

export interface DatasetDrift {
  /** One per feature with serving values, then the prediction's (when predictions were given). */
  measures: DriftMeasure[];
  /** Share of the measured input features that drifted. */
  driftShare: number;
  datasetDrifted: boolean;
  predictionDrifted: boolean | null;
}

/**
 * Every model feature of the serving rows, and the model's predictions, against the training
 * profile stored with the model. Prediction drift compares with the model's own predictions on its
 * training rows (`profile.prediction`): labels arrive late or never, the model's outputs at once.
 */
export function datasetDrift(
  profile: ReferenceProfile,
  defs: readonly FeatureDef[],
  features: FeatureMatrix,
  predictions?: Float64Array,
): DatasetDrift {
  const measures: DriftMeasure[] = [];
  profile.features.forEach((feature, f) => {
    const column = features.columns[f];
    if (!column || defs[f]?.name !== feature.name)
      throw new Error(`the profile's feature ${feature.name} is not the model's feature ${f}`);
    const measured = featureDrift(feature, profile.rows, column, defs[f]?.categories);
    if (measured) measures.push(measured);
  });
  const drifted = measures.filter((m) => m.drifted).length;
  const driftShare = measures.length === 0 ? 0 : drifted / measures.length;
  const prediction = predictions
    ? numericDrift('prediction', 'prediction', profile.prediction, profile.rows, predictions)
    : undefined;
  if (prediction) measures.push(prediction);
  return {
    measures,
    driftShare,
    datasetDrifted: measures.length > 0 && driftShare >= DATASET_DRIFT_SHARE,
    predictionDrifted: prediction ? prediction.drifted : null,
  };
}
