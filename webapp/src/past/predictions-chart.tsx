import { useMemo } from 'react';
import { activeSpec } from '../../../core/feature-spec';
import { apiFetch } from '../api/client';
import type { PastPredictionsPage } from '../api/types';
import { useResource } from '../api/use-resource';
import { type ChartSeries, TimeChart } from '../components/time-chart';
import { count } from '../format';

/** The API's largest JSON page: the chart shows at most this many of the range's newest predictions. */
const CHART_ROWS = 1_000;
const COLORS = { webapp: '#2563eb', scheduled: '#b45309' } as const;

/** Predicted delay over time for the chosen range, one colour per source. */
export function PredictionsChart({ filterKey }: { filterKey: string }) {
  const key = `${filterKey}&limit=${CHART_ROWS}`;
  const sample = useResource(key, (signal) =>
    apiFetch<PastPredictionsPage>(`/past-predictions?${key}`, { signal }),
  );
  const chart = useMemo(() => {
    const rows = [...(sample.data?.predictions ?? [])].reverse();
    const times = rows.map((p) => Date.parse(p.createdAt) / 1000);
    const series: ChartSeries[] = (['webapp', 'scheduled'] as const)
      .filter((source) => rows.some((p) => p.source === source))
      .map((source) => ({
        label: source,
        color: COLORS[source],
        points: true,
        values: rows.map((p) => (p.source === source ? p.prediction : null)),
      }));
    return { times, series, rows: rows.length };
  }, [sample.data]);

  // The table below shows the error in full; the chart only says it is missing.
  if (sample.error) return <p className="muted small">The chart could not be loaded.</p>;
  if (!sample.data || chart.rows === 0) return null;
  const capped = sample.data.nextCursor !== null;
  const unit = activeSpec.label.unit ?? '';
  return (
    <figure className="chart-figure">
      <TimeChart
        times={chart.times}
        series={chart.series}
        yLabel={`${activeSpec.label.label} (${unit})`}
        summary={`Predicted ${activeSpec.label.label.toLowerCase()} of ${count(chart.rows)} predictions over time`}
      />
      <figcaption>
        Predicted {activeSpec.label.label.toLowerCase()} ({unit}) of{' '}
        {capped
          ? `the newest ${count(chart.rows)} predictions in this range`
          : `all ${count(chart.rows)} predictions in this range`}
        .
      </figcaption>
    </figure>
  );
}
