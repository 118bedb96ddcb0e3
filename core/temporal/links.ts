import type { Config } from '../config';

/** Where a person opens a DAG run in the Temporal Web UI. */
export function runUrl(config: Config, workflowId: string, temporalRunId?: string): string {
  const base = `${config.temporal.uiUrl}/namespaces/${encodeURIComponent(config.temporal.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return temporalRunId ? `${base}/${encodeURIComponent(temporalRunId)}/history` : base;
}

/** The Web UI's workflow list filtered to one DAG's runs. */
export function dagRunsUrl(config: Config, dagId: string): string {
  const query = encodeURIComponent(`DagId = "${dagId}"`);
  return `${config.temporal.uiUrl}/namespaces/${encodeURIComponent(config.temporal.namespace)}/workflows?query=${query}`;
}
