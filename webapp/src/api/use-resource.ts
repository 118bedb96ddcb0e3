import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from './client';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer (or error) for the current key; refreshes keep showing the last data. */
  loading: boolean;
  refreshing: boolean;
  reload: () => void;
}

/**
 * Loads `fetcher` whenever `key` changes, and again `refreshMs` after each load ends when given
 * (dashboards, running DAGs). A newer load aborts the older one, so an answer never lands on the wrong key.
 */
export function useResource<T>(
  key: string,
  fetcher: (signal: AbortSignal) => Promise<T>,
  { refreshMs }: { refreshMs?: number } = {},
): Resource<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown; done: boolean }>({
    key,
    done: false,
  });
  const [refreshing, setRefreshing] = useState(false);
  const [tick, setTick] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    const controller = new AbortController();
    setRefreshing(true);
    fetcherRef
      .current(controller.signal)
      .then(
        (data) => setState({ key, data, done: true }),
        (error: unknown) => {
          if (!isAbort(error))
            setState((old) => ({ key, data: old.key === key ? old.data : undefined, error, done: true }));
        },
      )
      .finally(() => {
        if (!controller.signal.aborted) setRefreshing(false);
      });
    return () => controller.abort();
  }, [key, tick]);

  // The next refresh is counted from the end of the last load, not on a fixed beat: a load slower
  // than the beat would otherwise be aborted by the next one every time and never show, while the
  // server kept running every query the browser gave up on.
  useEffect(() => {
    if (!refreshMs || refreshing) return;
    let timer = 0;
    const wait = () => {
      timer = window.setTimeout(
        () => (document.visibilityState === 'visible' ? setTick((t) => t + 1) : wait()),
        refreshMs,
      );
    };
    wait();
    return () => window.clearTimeout(timer);
  }, [refreshMs, key, refreshing]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: !current || !state.done,
    refreshing,
    reload,
  };
}
