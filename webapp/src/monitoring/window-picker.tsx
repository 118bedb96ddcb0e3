import { formatInstant } from '../format';
import type { MonitoringWindow } from './types';
import { REFRESH_MS, WINDOWS, type WindowName } from './use-monitoring';

/** The window select and what the figures cover; says when they were last refreshed. */
export function WindowPicker({
  value,
  onChange,
  shown,
  refreshing,
}: {
  value: WindowName;
  onChange: (next: WindowName) => void;
  shown: MonitoringWindow | undefined;
  refreshing: boolean;
}) {
  return (
    <div className="window-picker">
      <div className="field">
        <label htmlFor="monitoring-window">Window</label>
        <select id="monitoring-window" value={value} onChange={(e) => onChange(e.target.value as WindowName)}>
          {WINDOWS.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </select>
      </div>
      <p className="muted small" aria-live="off">
        {shown
          ? `${formatInstant(shown.from)} – ${formatInstant(shown.to)} · refreshes every ${REFRESH_MS / 1000} s`
          : null}
        {refreshing ? <span className="refresh-dot" aria-hidden="true" /> : null}
      </p>
    </div>
  );
}
