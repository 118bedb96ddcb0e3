import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

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

export const DAG_ID = defineSearchAttributeKey('DagId', SearchAttributeType.KEYWORD);
export const DAG_RUN_STATUS = defineSearchAttributeKey('DagRunStatus', SearchAttributeType.KEYWORD);
export const LOGICAL_TIME = defineSearchAttributeKey('LogicalTime', SearchAttributeType.DATETIME);
/** Set by Temporal on every workflow a Schedule starts (also on backfills): the scheduled time. */
export const TEMPORAL_SCHEDULED_START_TIME = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);
