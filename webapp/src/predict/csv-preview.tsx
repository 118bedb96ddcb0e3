import { activeSpec, fileColumns } from '../../../core/feature-spec';
import { issueText } from './results';
import { count } from '../format';
import { lineOf } from './csv-protocol';
import type { ParsedCsv } from './parse-csv';

const LISTED = 100;

/** What the file holds and what will happen to it, before anything is sent. */
export function CsvPreview({
  parsed,
  busy,
  onPredict,
}: {
  parsed: ParsedCsv;
  busy: boolean;
  onPredict: () => void;
}) {
  const { rowCount, rejectedCount, rejected, preview, header } = parsed;
  const columns = fileColumns(activeSpec, { withLabel: false });
  const refused = new Set(rejected.map((r) => r.index));
  const valid = rowCount - rejectedCount;
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{parsed.fileName}</h2>
      <p className="counts" role="status">
        <strong>{count(rowCount)}</strong> rows · <span className="ok">{count(valid)} valid</span> ·{' '}
        <span className={rejectedCount > 0 ? 'bad' : undefined}>{count(rejectedCount)} will be rejected</span>
      </p>
      {header.missing.length > 0 ? (
        <p className="notice notice-warning">
          The file has no <strong>{header.missing.join(', ')}</strong> column: every row lacks it.
        </p>
      ) : null}
      {header.ignored.length > 0 ? (
        <p className="muted">Not model inputs, left out of what is sent: {header.ignored.join(', ')}.</p>
      ) : null}
      {rowCount === 0 ? <p className="state state-empty">The file has a header but no rows.</p> : null}
      {rowCount > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="First rows of the file">
          <table>
            <caption>First {preview.length} rows</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.map((row, i) => (
                <tr key={i} className={refused.has(i) ? 'row-rejected' : undefined}>
                  <td className="num">{lineOf(i)}</td>
                  {columns.map((c) => (
                    <td key={c}>{row[c] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {rejectedCount > 0 ? (
        <details className="rejections" open={rejectedCount <= 20}>
          <summary>
            {count(rejectedCount)} {rejectedCount === 1 ? 'row' : 'rows'} will be rejected, and why
          </summary>
          <ul aria-label="Rows that will be rejected">
            {rejected.slice(0, LISTED).map((r) => (
              <li key={r.index}>
                <strong>Line {lineOf(r.index)}</strong>: {issueText(r.issues)}
              </li>
            ))}
          </ul>
          {rejectedCount > LISTED ? (
            <p className="muted">
              …and {count(rejectedCount - LISTED)} more: every one is in the results download.
            </p>
          ) : null}
        </details>
      ) : null}
      <button type="button" className="primary" disabled={busy || valid === 0} onClick={onPredict}>
        {busy ? 'Predicting…' : `Predict ${count(rowCount)} ${rowCount === 1 ? 'row' : 'rows'}`}
      </button>
      {valid === 0 && rowCount > 0 ? (
        <p className="field-error">No row is valid: fix the file and choose it again.</p>
      ) : null}
    </section>
  );
}
