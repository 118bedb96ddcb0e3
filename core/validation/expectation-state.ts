import type { CompiledExpectation } from './compile-suite';
import type { Check, Judgement } from './expectations';

/** How many unexpected values (and their rows) a result keeps, as GE's `partial_unexpected_list` does. */
export const PARTIAL_LIST_SIZE = 20;

/** What the runner has learned about one expectation so far. */
export interface ExpectationState {
  expectation: CompiledExpectation;
  check?: Check;
  /** Why the check could not run (a column it reads is missing). */
  exception?: string;
  unexpected: number;
  missing: number;
  partialValues: unknown[];
  partialIndices: number[];
  judgement?: Judgement;
}

export interface FinishInfo {
  fileName: string;
  runId: string;
  /** Data rows of an unparseable file, counted by lines (a parsed file counts its own records). */
  rowCount: number;
  parseError?: string;
  contentSha256: string | null;
  bytes: number;
  startedAt: number;
}
