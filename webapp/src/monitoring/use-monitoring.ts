import { apiFetch } from '../api/client';
import { type Resource, useResource } from '../api/use-resource';
import { navigate, useLocation, withQuery } from '../router';

export const WINDOWS = [
  { value: '10m', label: 'Last 10 minutes' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
] as const;
export type WindowName = (typeof WINDOWS)[number]['value'];

/** Dashboards refresh by themselves this often (while the tab is visible). */
export const REFRESH_MS = 5_000;

/** The window the address asks for (so a dashboard view can be shared), 1 hour by default. */
export function useWindow(): [WindowName, (next: WindowName) => void] {
  const { path, query } = useLocation();
  const asked = query.get('window');
  const current = WINDOWS.find((w) => w.value === asked)?.value ?? '1h';
  return [current, (next) => navigate(withQuery(path, { window: next }), { replace: true })];
}

/** One monitoring endpoint over the chosen window, refreshed every few seconds. */
export function useMonitoring<T>(what: 'quality' | 'predictions' | 'drift', window: WindowName): Resource<T> {
  const path = `/monitoring/${what}?window=${window}`;
  return useResource(path, (signal) => apiFetch<T>(path, { signal }), { refreshMs: REFRESH_MS });
}
