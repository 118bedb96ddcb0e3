import type { DatasetSpec } from '../feature-spec';
import type { ModelMetrics } from './artifact';
import { globalMedianBaseline, groupMeanBaseline } from './baselines';
import type { LabelledRows } from './load-dataset';
import { regressionMetrics } from './metrics';
import type { Predictor } from './predictor';

/**
 * MAE and RMSE of the model on both windows and of each baseline (fit on the training window)
 * on the validation window, with which baseline is better and by how much the model beats it.
 */
export function scoreModel(
  spec: DatasetSpec,
  predictor: Predictor,
  train: LabelledRows,
  validation: LabelledRows,
  trainPredictions: Float64Array,
  started: number,
): ModelMetrics {
  const baselines = [
    globalMedianBaseline(train.labels),
    groupMeanBaseline(spec, predictor.defs, train.features, train.labels),
  ].map((b) => ({
    name: b.name,
    metrics: {
      ...regressionMetrics(validation.labels, b.predict(validation.features)),
      description: b.description,
    },
  }));
  const best = baselines.reduce((a, b) => (b.metrics.mae < a.metrics.mae ? b : a));
  const validationMetrics = regressionMetrics(
    validation.labels,
    predictor.predictMatrix(validation.features),
  );
  return {
    train: regressionMetrics(train.labels, trainPredictions),
    validation: validationMetrics,
    baselines: Object.fromEntries(baselines.map((b) => [b.name, b.metrics])),
    bestBaseline: best.name,
    maeGainOverBaseline: best.metrics.mae - validationMetrics.mae,
    trainingSeconds: (performance.now() - started) / 1000,
  };
}
