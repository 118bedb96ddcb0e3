/**
 * The custom search attributes every DAG run carries, so the Temporal Web UI can filter runs
 * (e.g. `DagRunStatus = "skipped"`). Registered by `contrail up` on the dev server and by the
 * worker on any other server. Pure data: workflow code imports it too.
 */
export const SEARCH_ATTRIBUTES = {
  DagId: 'Keyword',
  DagRunStatus: 'Keyword',
  LogicalTime: 'Datetime',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
