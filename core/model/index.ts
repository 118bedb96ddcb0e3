/**
 * The delay model: a histogram gradient-boosted tree ensemble written in TypeScript, trained on
 * the feature spec's inputs only, with its artifacts, reference profile and registry.
 *
 *   features.ts      spec columns -> model features (datetime -> calendar parts, see calendar.ts)
 *   binning.ts       feature values -> one-byte bins (quantiles; one bin per category)
 *   histogram.ts, split.ts, grow-tree.ts, sample-rows.ts   growing one tree (random.ts: seeded RNG)
 *   objective.ts, boost.ts                                 boosting (L1 by default)
 *   tree.ts, tree-table.ts, predictor.ts                   trees, trees as lookup tables, inference
 *   baselines.ts, metrics.ts, evaluate.ts, profile.ts      judging and describing a model
 *   artifact.ts, train-model.ts                            the file a training run writes
 *   registry.ts, promotions.ts, load-model.ts              the registry and the active model
 */
export * from './artifact';
export * from './features';
export type { Metrics } from './metrics';
export { Predictor } from './predictor';
export type { FeatureProfile, NumericHistogram, ReferenceProfile } from './profile';
export { DISCRETE_VALUES, HISTOGRAM_BINS, histogramBin } from './profile';
export * from './registry';
export { promoteModel, rejectCandidate, rollbackModel } from './promotions';
export * from './load-model';
export { DEFAULT_PARAMS, type TrainEvent, TrainingError, type TrainOptions, trainModel } from './train-model';
