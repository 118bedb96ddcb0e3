import { useMemo } from 'react';
import { Empty } from '../components/states';
import { TimeChart } from '../components/time-chart';
import { formatInstant } from '../format';
import { counted, decimal, epochSeconds, percent } from './figures';
import { StatusBadge, Tile } from './status';
import type { DriftResponse } from './types';

const METHOD_LABELS = {
  ks: 'Kolmogorov-Smirnov p-value',
  chisquare: 'chi-squared p-value',
  wasserstein: 'Wasserstein distance (normed)',
  jensenshannon: 'Jensen-Shannon distance',
} as const;

/** Drift of the latest computation in the window, its measures, and drift share over the window. */
export function DriftSection({ drift }: { drift: DriftResponse }) {
  const latest = drift.latest;
  const chart = useMemo(() => {
    const runs = [...drift.runs].reverse();
    return {
      times: runs.map((r) => epochSeconds(r.computedAt)),
      series: [{ label: 'drift share (%)', color: '#7c3aed', values: runs.map((r) => r.driftShare * 100) }],
    };
  }, [drift.runs]);
  if (!latest) return <Empty>No drift was computed in this window.</Empty>;
  return (
    <>
      <div className="tiles" role="group" aria-label="Drift figures">
        <Tile
          id="driftShare"
          label="Features drifted"
          value={`${percent(latest.driftShare)} (${latest.driftedFeatures} of ${latest.features})`}
          status={latest.status}
          detail={latest.datasetDrifted ? 'The data set drifted' : 'The data set did not drift'}
        />
        <Tile
          id="predictionDrift"
          label="Prediction drift"
          value={latest.prediction ? decimal(latest.prediction.score) : '—'}
          status={latest.prediction ? (latest.prediction.drifted ? 'red' : 'green') : 'none'}
          detail={
            latest.prediction
              ? `${METHOD_LABELS[latest.prediction.method]}, threshold ${decimal(latest.prediction.threshold)}`
              : undefined
          }
        />
        <Tile
          id="driftRows"
          label="Rows compared"
          value={counted(latest.rows)}
          detail={`model ${latest.modelId}`}
        />
        <Tile
          id="driftAt"
          label="Computed"
          value={formatInstant(latest.computedAt)}
          detail={`serving ${formatInstant(latest.windowFrom)} – ${formatInstant(latest.windowTo)}`}
        />
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Drift by feature">
        <table className="drift-table">
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Test</th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col" className="num">
                Threshold
              </th>
              <th scope="col" className="num">
                PSI
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {drift.features.map((m) => (
              <tr key={m.feature} data-feature={m.feature}>
                <th scope="row">{m.feature}</th>
                <td>{METHOD_LABELS[m.method]}</td>
                <td className="num">{decimal(m.score)}</td>
                <td className="num">{decimal(m.threshold)}</td>
                <td className="num">{decimal(m.psi)}</td>
                <td>
                  <StatusBadge status={m.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {drift.runs.length > 1 ? (
        <figure className="chart-figure">
          <TimeChart
            times={chart.times}
            series={chart.series}
            yLabel="drift share (%)"
            summary="Share of drifted features per drift computation"
            rules={[{ value: 50, color: '#F2495C' }]}
          />
          <figcaption>
            Share of drifted features per computation; dashed: 50%, the data set drifts.
          </figcaption>
        </figure>
      ) : null}
    </>
  );
}
