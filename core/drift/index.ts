/**
 * Drift of serving data against a model's training profile, in plain TypeScript (no sorting of
 * serving samples: each column is counted into the profile's bins once).
 *
 *   distributions.ts  Kolmogorov and chi-squared survival functions (p-values)
 *   cdf.ts            binned CDFs, KS and Wasserstein distances between them
 *   methods.ts        the four tests, PSI, and Evidently's choice of test by type and size
 *   feature-drift.ts  one feature (or the prediction) against its profile
 *   dataset-drift.ts  every feature, the prediction, and the data set's drift share
 */
export { DATASET_DRIFT_SHARE, type DatasetDrift, datasetDrift } from './dataset-drift';
export { categoricalDrift, type DriftMeasure, featureDrift, numericDrift } from './feature-drift';
export { chooseMethod, type DriftMethod, THRESHOLDS } from './methods';
