// Every activity the worker registers: DAG tasks (one file each) and the runtime's bookkeeping.
export { checkForNewData } from './check-for-new-data';
export { makePredictions } from './make-predictions';
export { recordRunEnded, recordRunStarted, recordTaskDecisions } from './record-dag-run';
