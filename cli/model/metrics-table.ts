import type { ModelArtifact } from '../../core/model';

const fixed = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

/** The metrics of a training run as people read them: the model, then each baseline, on validation. */
export function metricsTable(artifact: ModelArtifact, unit?: string): string {
  const m = artifact.metrics;
  const rows: [string, number, number][] = [
    ['model, training window', m.train.mae, m.train.rmse],
    ['model, validation window', m.validation.mae, m.validation.rmse],
    ...Object.entries(m.baselines).map(
      ([name, b]) => [`baseline ${name}, validation`, b.mae, b.rmse] as [string, number, number],
    ),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `model      ${artifact.id}`,
    `trained    ${artifact.trainWindow.from} to ${artifact.trainWindow.to}, ${m.train.rows.toLocaleString()} rows, in ${m.trainingSeconds.toFixed(1)} s`,
    `validated  ${artifact.validationWindow.from} to ${artifact.validationWindow.to}, ${m.validation.rows.toLocaleString()} rows`,
    '',
    `  ${''.padEnd(width)}  ${'MAE'.padStart(8)}  ${'RMSE'.padStart(8)}${unit ? `  (${unit})` : ''}`,
    ...rows.map(
      ([label, mae, rmse]) =>
        `  ${label.padEnd(width)}  ${fixed(mae).padStart(8)}  ${fixed(rmse).padStart(8)}`,
    ),
    '',
  ];
  const best = m.baselines[m.bestBaseline];
  const share = best ? (100 * m.maeGainOverBaseline) / best.mae : 0;
  lines.push(
    m.maeGainOverBaseline > 0
      ? `The model beats the better baseline (${m.bestBaseline}) by ${fixed(m.maeGainOverBaseline)}${unit ? ` ${unit}` : ''} of validation MAE (${share.toFixed(1)}%).`
      : `The model does NOT beat the better baseline (${m.bestBaseline}) on validation MAE.`,
  );
  return lines.join('\n');
}
