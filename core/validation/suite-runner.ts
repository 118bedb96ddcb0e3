import { sharedArrayPool } from './array-pool';
import { BatchView } from './batch-view';
import type { RecordBatch } from './record-batch';
import { type CompiledSuite, rejectsAllRows } from './compile-suite';
import type { Header } from './expectations';
import { type ExpectationState, type FinishInfo, PARTIAL_LIST_SIZE } from './expectation-state';
import { RowVerdicts } from './row-verdicts';
import { summarize } from './summarize';

export function headerOf(names: readonly string[]): Header {
  const positions = new Map<string, number>();
  names.forEach((name, i) => {
    if (!positions.has(name)) positions.set(name, i);
  });
  return { names, index: (name) => positions.get(name) ?? -1 };
}

/**
 * Runs a compiled suite over a file batch by batch: `begin` with the header, `observe` each batch
 * (row-by-row checks mark bad rows in the verdicts, aggregates accumulate), `finish` judges the
 * table-level expectations and builds the result. Memory: the verdicts (4 bytes a row) and the
 * uniqueness tables, never the rows.
 */
export class SuiteRunner {
  readonly verdicts: RowVerdicts;
  private states: ExpectationState[] = [];
  private header: Header = headerOf([]);
  private rows = 0;
  /** State the views keep across batches (values seen so far, per column). */
  private readonly shared = new Map<string, unknown>();
  private readonly pool = sharedArrayPool;

  constructor(readonly suite: CompiledSuite) {
    this.verdicts = new RowVerdicts(suite.expectations.length);
  }

  begin(names: readonly string[]): void {
    this.header = headerOf(names);
    this.states = this.suite.expectations.map((expectation) => {
      const state: ExpectationState = {
        expectation,
        unexpected: 0,
        missing: 0,
        partialValues: [],
        partialIndices: [],
      };
      const absent = expectation.definition
        .columns(expectation.kwargs)
        .filter((c) => this.header.index(c) < 0);
      if (absent.length > 0) state.exception = `column ${absent.join(', ')} is not in the file`;
      else state.check = expectation.definition.create(expectation.kwargs, this.header);
      return state;
    });
  }

  observe(batch: RecordBatch): void {
    const view = new BatchView(batch, this.shared, this.pool);
    this.rows = batch.offset + batch.rowCount;
    this.verdicts.extend(this.rows);
    this.states.forEach((state, index) => {
      const check = state.check;
      if (check?.kind === 'aggregate') check.observe(view);
      if (check?.kind !== 'map') return;
      state.missing += check.check(view, (row) => {
        const at = batch.offset + row;
        state.unexpected++;
        this.verdicts.mark(at, index);
        if (state.partialValues.length < PARTIAL_LIST_SIZE) {
          state.partialValues.push(check.value(view, row));
          state.partialIndices.push(at);
        }
      });
    });
    // The views and their arrays are done with: the next batch reuses the memory.
    this.pool.reclaim();
  }

  /** Judges what is left and builds the result. `parseError` set: the file could not be read as CSV. */
  finish(info: FinishInfo) {
    const rowCount = info.parseError === undefined ? this.rows : info.rowCount;
    for (const state of this.states) {
      const check = state.check;
      if (info.parseError !== undefined) state.exception = `not evaluated: ${info.parseError}`;
      else if (check?.kind === 'table') state.judgement = check.judge({ header: this.header, rowCount });
      else if (check?.kind === 'aggregate') state.judgement = check.judge();
    }
    const rejections = this.states
      .map((state, index) => ({ state, index }))
      .filter(({ state }) => state.judgement?.success === false && rejectsAllRows(state.expectation))
      .map(({ index }) => index);
    const allBad = info.parseError !== undefined || rejections.length > 0;
    const badRowCount = allBad ? rowCount : this.verdicts.badRowCount();
    const result = summarize(this.suite, this.states, {
      ...info,
      rowCount,
      badRowCount,
      rejections,
    });
    return { result, verdicts: this.verdicts };
  }
}
