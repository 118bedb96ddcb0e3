import { counted, minutes, percent } from './figures';
import { StatusBadge } from './status';
import type { SourceFigures } from './types';

const SOURCE_LABELS = { all: 'All sources', webapp: 'Web app', scheduled: 'Scheduled' } as const;

/** Why a source is not green, in words. */
function signs(s: SourceFigures): string {
  const found: string[] = [];
  if (s.nanPredictions > 0) found.push(`${counted(s.nanPredictions)} NaN outputs`);
  if (s.constantOutput) found.push('constant output');
  if (s.jump) found.push(`mean jumped (${s.jumpScore?.toFixed(1)}× the previous spread)`);
  return found.join('; ');
}

/** Prediction health by source over the window. */
export function SourceTable({ sources }: { sources: SourceFigures[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Predictions by source">
      <table className="source-table">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col" className="num">
              Predictions
            </th>
            <th scope="col" className="num">
              Mean
            </th>
            <th scope="col" className="num">
              Median
            </th>
            <th scope="col" className="num">
              p95
            </th>
            <th scope="col" className="num">
              Late &gt; 15 min
            </th>
            <th scope="col">Status</th>
            <th scope="col">Signs</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.source} data-source={s.source}>
              <th scope="row">{SOURCE_LABELS[s.source]}</th>
              <td className="num">{counted(s.predictions)}</td>
              <td className="num">{minutes(s.mean)}</td>
              <td className="num">{minutes(s.median)}</td>
              <td className="num">{minutes(s.p95)}</td>
              <td className="num">{percent(s.lateShare)}</td>
              <td>
                <StatusBadge status={s.status} />
              </td>
              <td>{signs(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
