import type { ReactNode } from 'react';
import './monitoring.css';
import type { Status } from './types';

/**
 * The monitoring colours. Which colour a figure gets is decided by the API (the `status` the
 * monitoring SQL computes, the same SQL Grafana reads); the few per-figure rules below restate that
 * SQL's thresholds (migration 20261129040000_monitoring) for figures it colours only as a whole.
 * The hues are Grafana's own green, orange and red, so both dashboards look alike.
 */
export const STATUS_WORDS: Record<Status | 'none', string> = {
  green: 'OK',
  orange: 'Warning',
  red: 'Alert',
  none: 'No data',
};

/** The invalid share of a window: orange from 5% (criticality medium), red from 50% (high). */
export const invalidShareStatus = (share: number | null): Status | 'none' =>
  share === null ? 'none' : share >= 0.5 ? 'red' : share >= 0.05 ? 'orange' : 'green';

/** Time since the last ingested file: orange from 2 minutes (two ingestion runs), red from 5 or never. */
export const freshnessStatus = (seconds: number | null): Status =>
  seconds === null || seconds >= 300 ? 'red' : seconds >= 120 ? 'orange' : 'green';

/** One figure of a dashboard, its colour said in words too (colour is never the only signal). */
export function Tile({
  label,
  value,
  status,
  detail,
  id,
}: {
  label: string;
  value: ReactNode;
  status?: Status | 'none';
  detail?: ReactNode;
  id: string;
}) {
  return (
    <div className={`tile${status ? ` status-${status}` : ''}`} data-figure={id} data-status={status}>
      <p className="tile-label">{label}</p>
      <p className="tile-value">{value}</p>
      {status ? <p className="tile-status">{STATUS_WORDS[status]}</p> : null}
      {detail ? <p className="tile-detail">{detail}</p> : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: Status | 'none' }) {
  return <span className={`status-badge status-${status}`}>{STATUS_WORDS[status]}</span>;
}
