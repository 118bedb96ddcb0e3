import { type CriticalityRule, DEFAULT_CRITICALITY_RULES } from './criticality';
import { type ExpectationDefinition, EXPECTATIONS } from './expectations';
import type { ExpectationConfig, ExpectationSuite } from './types';

/** A suite ready to run: every expectation's arguments checked and completed with their defaults. */
export interface CompiledSuite {
  name: string;
  expectations: CompiledExpectation[];
  criticalityRules: readonly CriticalityRule[];
}

export interface CompiledExpectation {
  /** The configuration as results report it: the kwargs with defaults filled in. */
  config: ExpectationConfig;
  definition: ExpectationDefinition;
  kwargs: Record<string, unknown>;
}

export class SuiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuiteError';
  }
}

export function compileSuite(
  suite: ExpectationSuite,
  criticalityRules: readonly CriticalityRule[] = DEFAULT_CRITICALITY_RULES,
): CompiledSuite {
  const expectations = suite.expectations.map((config, index) => {
    const definition = EXPECTATIONS.get(config.expectation_type);
    if (!definition) {
      throw new SuiteError(
        `expectation ${index} (${config.expectation_type}) is not a known expectation type; known: ${[...EXPECTATIONS.keys()].join(', ')}`,
      );
    }
    const parsed = definition.kwargs.safeParse(config.kwargs);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((i) => `${i.path.join('.') || 'kwargs'}: ${i.message}`)
        .join('; ');
      throw new SuiteError(`expectation ${index} (${config.expectation_type}): ${problems}`);
    }
    const kwargs = parsed.data;
    if (definition.kind === 'map' && config.meta?.rejects_rows !== undefined) {
      throw new SuiteError(
        `expectation ${index} (${config.expectation_type}): meta.rejects_rows is for table and aggregate expectations; a row-by-row one always rejects the rows it flags`,
      );
    }
    return {
      config: {
        expectation_type: config.expectation_type,
        kwargs,
        ...(config.meta ? { meta: config.meta } : {}),
      },
      definition,
      kwargs,
    };
  });
  return { name: suite.expectation_suite_name, expectations, criticalityRules };
}

/** Whether a failure of this expectation makes every row of the file bad. */
export function rejectsAllRows(expectation: CompiledExpectation): boolean {
  if (expectation.definition.kind === 'map') return false;
  return expectation.config.meta?.rejects_rows ?? expectation.definition.type === 'expect_column_to_exist';
}
