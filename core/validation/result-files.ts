import fs from 'node:fs/promises';
import { writeFileAtomic } from '../files/atomic';
import { RowVerdicts } from './row-verdicts';
import type { ValidationResult } from './types';

/**
 * A validation kept on disk for the tasks after it: the result as JSON (Great Expectations' shape,
 * small: counts and at most 20 sample values per expectation) and the row verdicts as a binary file
 * (the complete per-row record, 4 bytes a row). The verdicts are written first: a result file that
 * exists is always complete and has its verdicts beside it.
 */
export async function writeValidation(
  paths: { resultPath: string; verdictsPath: string },
  validation: { result: ValidationResult; verdicts: RowVerdicts },
): Promise<void> {
  await writeFileAtomic(paths.verdictsPath, validation.verdicts.toBuffer());
  await writeFileAtomic(paths.resultPath, `${JSON.stringify(validation.result, null, 1)}\n`);
}

export async function readValidationResult(resultPath: string): Promise<ValidationResult> {
  return JSON.parse(await fs.readFile(resultPath, 'utf8')) as ValidationResult;
}

export async function readVerdicts(verdictsPath: string, result: ValidationResult): Promise<RowVerdicts> {
  const bytes = await fs.readFile(verdictsPath);
  return RowVerdicts.fromBuffer(bytes, result.results.length, result.meta.row_count);
}

/** GE's `unexpected_index_list` (result_format COMPLETE) of one expectation, read from the verdicts. */
export function unexpectedIndexList(
  result: ValidationResult,
  verdicts: RowVerdicts,
  expectation: number,
): number[] {
  if (!result.meta.parseable || result.meta.file_level_rejections.includes(expectation)) {
    return Array.from({ length: result.meta.row_count }, (_, i) => i);
  }
  const rows: number[] = [];
  for (let row = 0; row < verdicts.rows; row++) if (verdicts.has(row, expectation)) rows.push(row);
  return rows;
}

/** Every bad row, in order. */
export function badRowIndices(result: ValidationResult, verdicts: RowVerdicts): number[] {
  if (!result.meta.parseable || result.meta.file_level_rejections.length > 0) {
    return Array.from({ length: result.meta.row_count }, (_, i) => i);
  }
  const rows: number[] = [];
  for (let row = 0; row < verdicts.rows; row++) if (verdicts.isBad(row)) rows.push(row);
  return rows;
}
