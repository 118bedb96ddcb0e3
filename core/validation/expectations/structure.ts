import { z } from 'zod';
import { defineExpectation, mostly } from './definition';

/**
 * Contrail's own expectation (Great Expectations gets this from pandas' parser, which rejects the
 * whole file instead): a row must have as many fields as the header and no text after a closing
 * quote. Such a row stays in the file, marked bad, so nothing is lost and the rest is still judged.
 */
export const expectRowsToBeWellFormed = defineExpectation({
  type: 'expect_rows_to_be_well_formed',
  kind: 'map',
  kwargs: z.strictObject({ mostly }),
  columns: () => [],
  reason: () => 'the row is not well-formed CSV (wrong number of fields, or text after a closing quote)',
  create: (_k, header) => ({
    kind: 'map',
    check(view, unexpected) {
      const { raggedRows, malformedRows } = view.batch;
      for (const row of [...new Set([...raggedRows, ...malformedRows])].sort((a, b) => a - b))
        unexpected(row);
      return 0;
    },
    value(view, row) {
      const { raggedRows, raggedCounts, malformedRows } = view.batch;
      const ragged = raggedRows.indexOf(row);
      const problems = [
        ragged >= 0 ? `${raggedCounts[ragged]} fields, header has ${header.names.length}` : '',
        malformedRows.includes(row) ? 'text after a closing quote' : '',
      ];
      return problems.filter(Boolean).join('; ');
    },
  }),
});
