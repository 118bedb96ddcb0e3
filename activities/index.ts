// Every activity a DAG task can run, registered by the worker.
export { recordRunEnded, recordRunStarted, recordTaskDecisions } from './record-dag-run';
