import { batchFromColumns } from './batch-builder';
import type { CompiledSuite } from './compile-suite';
import type { RowVerdicts } from './row-verdicts';
import { SuiteRunner } from './suite-runner';
import type { ValidationResult } from './types';

/** Validates rows already split into cells (rows from an API request, benchmark data), as one batch. */
export function validateColumns(
  suite: CompiledSuite,
  header: readonly string[],
  columns: readonly (readonly string[])[],
  options: { fileName: string; runId: string },
): { result: ValidationResult; verdicts: RowVerdicts } {
  const runner = new SuiteRunner(suite);
  runner.begin(header);
  const batch = batchFromColumns(columns);
  if (batch.rowCount > 0) runner.observe(batch);
  return runner.finish({ ...options, rowCount: 0, contentSha256: null, bytes: 0, startedAt: Date.now() });
}
