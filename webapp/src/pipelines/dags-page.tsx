import { apiFetch } from '../api/client';
import type { Dag } from '../api/types';
import { useResource } from '../api/use-resource';
import { Page } from '../components/page';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { DagCard } from './dag-card';
import { StateLegend } from './state-badge';

const REFRESH_MS = 5_000;

/** Every DAG with its schedule and recent runs; refreshes by itself while open. */
export function DagsPage() {
  const dags = useResource('dags', (signal) => apiFetch<Dag[]>('/dags', { signal }), {
    refreshMs: REFRESH_MS,
  });
  return (
    <Page
      title="Pipelines"
      intro="Every DAG, its schedule and its recent runs by task, like Airflow’s grid view. Refreshes every 5 seconds."
    >
      <StateLegend />
      {dags.loading ? <Loading what="DAGs" /> : null}
      {dags.error ? <ErrorNotice error={dags.error} onRetry={dags.reload} /> : null}
      {dags.data?.length === 0 ? <Empty>No DAGs are defined.</Empty> : null}
      {dags.data?.map((dag) => (
        <DagCard key={dag.id} dag={dag} onChanged={dags.reload} />
      ))}
    </Page>
  );
}
