// The workflows the worker registers: the DAG runtime and the DAG definitions.
export {};
