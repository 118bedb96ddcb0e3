import { counted } from './figures';
import type { PredictionsResponse } from './types';

const binLabel = (low: number | null, high: number | null) =>
  low === null ? `< ${high}` : high === null ? `≥ ${low}` : `${low} to ${high}`;

/** Predicted delays in 5-minute bins, as bars (web app and scheduled side by side); empty bins at the ends are left out. */
export function Histogram({ bins }: { bins: PredictionsResponse['histogram'] }) {
  const filled = bins.map((b) => b.webapp + b.scheduled > 0);
  const first = filled.indexOf(true);
  const last = filled.lastIndexOf(true);
  if (first < 0) return null;
  const shown = bins.slice(first, last + 1);
  const top = Math.max(...shown.map((b) => Math.max(b.webapp, b.scheduled)));
  const width = (n: number) => `${(n / top) * 100}%`;
  return (
    <figure className="histogram">
      <ul aria-label="Predicted delay histogram (minutes)">
        {shown.map((b) => (
          <li key={String(b.binLow)}>
            <span className="histogram-bin">{binLabel(b.binLow, b.binHigh)} min</span>
            <span className="histogram-bars">
              <span className="bar bar-webapp" style={{ width: width(b.webapp) }} />
              <span className="bar bar-scheduled" style={{ width: width(b.scheduled) }} />
            </span>
            <span className="histogram-count">
              {counted(b.webapp)} / {counted(b.scheduled)}
            </span>
          </li>
        ))}
      </ul>
      <figcaption>Predictions per bin: web app (blue) / scheduled (amber).</figcaption>
    </figure>
  );
}
