// The workflows the worker registers: the one generic DAG executor runs every DAG.
export { dagRun } from './dag/executor';
