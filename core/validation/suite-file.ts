import fs from 'node:fs';
import { z } from 'zod';
import type { DatasetSpec } from '../feature-spec';
import { compileSuite, type CompiledSuite, SuiteError } from './compile-suite';
import { criticalityRuleSchema, DEFAULT_CRITICALITY_RULES } from './criticality';
import { defaultSuite } from './default-suite';
import type { ExpectationConfig } from './types';

/**
 * A data set's own suite, as a JSON file (CONTRAIL_EXPECTATION_SUITE). Either a whole suite, or
 * (`"extends_default": true`) changes to the one derived from the spec: an expectation with the same
 * type and column(s) as a default one replaces it (to loosen `mostly`, say), others are added,
 * `remove` drops defaults, and `criticality_rules` replaces the default rules.
 *
 * {
 *   "expectation_suite_name": "flights.strict",
 *   "extends_default": true,
 *   "expectations": [{ "expectation_type": "expect_column_values_to_not_be_null",
 *                      "kwargs": { "column": "origin", "mostly": 0.99 } }],
 *   "remove": [{ "expectation_type": "expect_column_mean_to_be_between", "column": "distance" }],
 *   "criticality_rules": [{ "when": "all_rows_bad", "criticality": "high" },
 *                         { "when": "expectation_failed", "criticality": "medium" }]
 * }
 */
const expectationSchema = z.strictObject({
  expectation_type: z.string().min(1),
  kwargs: z.record(z.string(), z.unknown()).default({}),
  meta: z
    .strictObject({
      criticality: z.enum(['low', 'medium', 'high']).optional(),
      rejects_rows: z.boolean().optional(),
      notes: z.string().optional(),
    })
    .optional(),
});

export const suiteFileSchema = z.strictObject({
  expectation_suite_name: z.string().min(1),
  extends_default: z.boolean().default(false),
  expectations: z.array(expectationSchema).default([]),
  remove: z
    .array(z.strictObject({ expectation_type: z.string(), column: z.string().optional() }))
    .default([]),
  criticality_rules: z.array(criticalityRuleSchema).optional(),
});
export type SuiteFile = z.infer<typeof suiteFileSchema>;

/** What identifies "the same expectation" across the default suite and a file: type and column(s). */
const identity = (e: Pick<ExpectationConfig, 'expectation_type' | 'kwargs'>) =>
  JSON.stringify([e.expectation_type, e.kwargs.column ?? e.kwargs.column_list ?? null]);

export function suiteFromFile(spec: DatasetSpec, file: SuiteFile): CompiledSuite {
  let expectations: ExpectationConfig[] = file.expectations;
  if (file.extends_default) {
    const overrides = new Map(file.expectations.map((e) => [identity(e), e]));
    const removed = (e: ExpectationConfig) =>
      file.remove.some(
        (r) =>
          r.expectation_type === e.expectation_type &&
          (r.column === undefined || r.column === e.kwargs.column),
      );
    const base = defaultSuite(spec).expectations.filter((e) => !removed(e));
    const kept = base.map((e) => overrides.get(identity(e)) ?? e);
    const baseIds = new Set(base.map(identity));
    expectations = [...kept, ...file.expectations.filter((e) => !baseIds.has(identity(e)))];
  } else if (file.remove.length > 0) {
    throw new SuiteError('"remove" only applies with "extends_default": true');
  }
  if (expectations.length === 0) throw new SuiteError('the suite has no expectations');
  return compileSuite(
    { expectation_suite_name: file.expectation_suite_name, expectations },
    file.criticality_rules ?? DEFAULT_CRITICALITY_RULES,
  );
}

/** The suite to run: the file's when one is configured, else the spec's default. Errors name the file. */
export function loadSuite(spec: DatasetSpec, suiteFile?: string): CompiledSuite {
  if (!suiteFile) return compileSuite(defaultSuite(spec));
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(suiteFile, 'utf8'));
  } catch (error) {
    throw new SuiteError(`expectation suite ${suiteFile}: ${(error as Error).message}`);
  }
  const parsed = suiteFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
      .join('; ');
    throw new SuiteError(`expectation suite ${suiteFile}: ${problems}`);
  }
  try {
    return suiteFromFile(spec, parsed.data);
  } catch (error) {
    throw new SuiteError(`expectation suite ${suiteFile}: ${(error as Error).message}`);
  }
}
