import { useMemo } from 'react';
import { Page } from '../components/page';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { TimeChart } from '../components/time-chart';
import { DriftSection } from './drift-section';
import { epochSeconds } from './figures';
import { Histogram } from './histogram';
import { SourceTable } from './source-table';
import type { DriftResponse, PredictionsResponse } from './types';
import { useMonitoring, useWindow } from './use-monitoring';
import { WindowPicker } from './window-picker';

const COLORS = { webapp: '#2563eb', scheduled: '#b45309' } as const;

const P95_COLORS = { webapp: '#93c5fd', scheduled: '#fcd34d' } as const;

/** The mean and p95 predicted delay per step, one line of each per source (as Grafana's two panels). */
function meanChart(data: PredictionsResponse) {
  const times = [...new Set(data.series.map((s) => s.bucket))].sort();
  const series = (['webapp', 'scheduled'] as const).flatMap((source) => {
    const steps = new Map(data.series.filter((s) => s.source === source).map((s) => [s.bucket, s]));
    return [
      {
        label: `${source} mean`,
        color: COLORS[source],
        values: times.map((t) => steps.get(t)?.mean ?? null),
      },
      {
        label: `${source} p95`,
        color: P95_COLORS[source],
        values: times.map((t) => steps.get(t)?.p95 ?? null),
      },
    ];
  });
  return { times: times.map(epochSeconds), series };
}

/** Prediction health and drift over a window: the monitoring issue's second dashboard. */
export function PredictionsDriftPage() {
  const [window, setWindow] = useWindow();
  const predictions = useMonitoring<PredictionsResponse>('predictions', window);
  const drift = useMonitoring<DriftResponse>('drift', window);
  const data = predictions.data;
  const chart = useMemo(() => (data ? meanChart(data) : undefined), [data]);
  const any = data?.bySource.find((s) => s.source === 'all')?.predictions ?? 0;
  return (
    <Page
      title="Drift & predictions"
      intro="What the model predicted, by source, and how far serving data has moved from its training data."
    >
      <WindowPicker
        value={window}
        onChange={setWindow}
        shown={data?.window}
        refreshing={predictions.refreshing}
      />
      <h2>Predictions</h2>
      {predictions.loading ? <Loading what="prediction figures" /> : null}
      {predictions.error ? <ErrorNotice error={predictions.error} onRetry={predictions.reload} /> : null}
      {data ? <SourceTable sources={data.bySource} /> : null}
      {data && any === 0 ? <Empty>No predictions in this window.</Empty> : null}
      {data && chart && any > 0 ? (
        <div className="chart-pair">
          <figure className="chart-figure">
            <TimeChart
              times={chart.times}
              series={chart.series}
              yLabel="predicted delay (min)"
              summary="Mean and 95th percentile of the predicted delay per step, by source"
            />
            <figcaption>
              Mean (dark) and p95 (light) predicted delay per step, in minutes, by source.
            </figcaption>
          </figure>
          <Histogram bins={data.histogram} />
        </div>
      ) : null}
      <h2>Drift</h2>
      {drift.loading ? <Loading what="drift" /> : null}
      {drift.error ? <ErrorNotice error={drift.error} onRetry={drift.reload} /> : null}
      {drift.data ? <DriftSection drift={drift.data} /> : null}
    </Page>
  );
}
