// Every activity the worker registers: DAG tasks (one file each) and the runtime's bookkeeping.
export { checkForNewData } from './check-for-new-data';
export { makePredictions } from './make-predictions';
export { recordRunEnded, recordRunStarted, recordTaskDecisions } from './record-dag-run';
export { readData } from './read-data';
export { validateData } from './validate-data';
export { saveStatistics } from './save-statistics';
export { sendAlerts } from './send-alerts';
export { splitAndSaveData } from './split-and-save-data';
export { sendRunFailureAlert } from './send-run-failure-alert';
export { selectTrainingWindow } from './select-training-window';
export { trainCandidate } from './train-candidate';
export { evaluateAgainstActive } from './evaluate-against-active';
export { promoteIfBetter } from './promote-if-better';
export { computeDrift } from './compute-drift';
export { evaluateAlertRules } from './evaluate-alert-rules';
