export * from './types';
export { compileSuite, SuiteError, type CompiledSuite } from './compile-suite';
export { defaultSuite } from './default-suite';
export { DEFAULT_CRITICALITY_RULES, type CriticalityRule } from './criticality';
export { EXPECTATIONS } from './expectations';
export { RowVerdicts } from './row-verdicts';
export { validateFile, describeBytes } from './validate-file';
export { validateColumns } from './validate-columns';
export { splitFile, SplitError, REASON_COLUMNS, type SplitOutcome, type SplitMode } from './split-file';
export {
  writeValidation,
  readValidationResult,
  readVerdicts,
  unexpectedIndexList,
  badRowIndices,
} from './result-files';
export { loadSuite, suiteFromFile, suiteFileSchema, type SuiteFile } from './suite-file';
