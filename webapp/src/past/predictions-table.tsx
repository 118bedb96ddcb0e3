import { activeSpec } from '../../../core/feature-spec';
import type { StoredPrediction } from '../api/types';
import { formatDelay, formatInstant } from '../format';

/** One page of stored predictions, in the API's order (newest first: keyset pages cannot be re-sorted). */
export function PredictionsTable({ predictions }: { predictions: StoredPrediction[] }) {
  const id = activeSpec.idColumn;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Predictions">
      <table className="predictions-table">
        <caption className="visually-hidden">Predictions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Made at</th>
            <th scope="col">Source</th>
            {id ? <th scope="col">{id.label}</th> : null}
            {activeSpec.features.map((f) => (
              <th key={f.name} scope="col" className={f.kind === 'number' ? 'num' : undefined}>
                {f.label}
              </th>
            ))}
            <th scope="col" className="num">
              Predicted {activeSpec.label.label.toLowerCase()}
            </th>
            <th scope="col">Model</th>
          </tr>
        </thead>
        <tbody>
          {predictions.map((p) => (
            <tr key={p.id} data-prediction-id={p.id}>
              <td>
                <time dateTime={p.createdAt}>{formatInstant(p.createdAt)}</time>
              </td>
              <td>
                <span className={`badge badge-${p.source}`}>{p.source}</span>
              </td>
              {id ? <td>{String(p.features[id.name] ?? '')}</td> : null}
              {activeSpec.features.map((f) => (
                <td key={f.name} className={f.kind === 'number' ? 'num' : undefined}>
                  {String(p.features[f.name] ?? '')}
                </td>
              ))}
              <td className="num" data-value={p.prediction}>
                {formatDelay(p.prediction, activeSpec.label.unit)}
              </td>
              <td className="muted small">{p.modelVersion}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
