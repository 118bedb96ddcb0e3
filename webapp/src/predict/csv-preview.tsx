import { activeSpec, fileColumns } from '../../../core/feature-spec';
import { issueText } from './results';
import { count } from '../format';
import { lineOf } from './csv-protocol';
import type { ParsedCsv } from './parse-csv';

const PREVIEW_ROWS = 10;
const LISTED_REJECTIONS = 100;

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
  const { rows, rejected, header } = parsed;
  const columns = fileColumns(activeSpec, { withLabel: false });
  const refused = new Set(rejected.map((r) => r.index));
  const valid = rows.length - rejected.length;
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{parsed.fileName}</h2>
      <p className="counts" role="status">
        <strong>{count(rows.length)}</strong> rows · <span className="ok">{count(valid)} valid</span> ·{' '}
        <span className={rejected.length > 0 ? 'bad' : undefined}>
          {count(rejected.length)} will be rejected
        </span>
      </p>
      {header.missing.length > 0 ? (
        <p className="notice notice-warning">
          The file has no <strong>{header.missing.join(', ')}</strong> column: every row lacks it.
        </p>
      ) : null}
      {header.ignored.length > 0 ? (
        <p className="muted">Not model inputs, left out of what is sent: {header.ignored.join(', ')}.</p>
      ) : null}
      {rows.length === 0 ? <p className="state state-empty">The file has a header but no rows.</p> : null}
      {rows.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="First rows of the file">
          <table>
            <caption>First {Math.min(PREVIEW_ROWS, rows.length)} rows</caption>
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
              {rows.slice(0, PREVIEW_ROWS).map((row, i) => (
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
      {rejected.length > 0 ? (
        <details className="rejections" open={rejected.length <= 20}>
          <summary>
            {count(rejected.length)} {rejected.length === 1 ? 'row' : 'rows'} will be rejected, and why
          </summary>
          <ul aria-label="Rows that will be rejected">
            {rejected.slice(0, LISTED_REJECTIONS).map((r) => (
              <li key={r.index}>
                <strong>Line {lineOf(r.index)}</strong>: {issueText(r.issues)}
              </li>
            ))}
          </ul>
          {rejected.length > LISTED_REJECTIONS ? (
            <p className="muted">
              …and {count(rejected.length - LISTED_REJECTIONS)} more: every one is in the results download.
            </p>
          ) : null}
        </details>
      ) : null}
      <button type="button" className="primary" disabled={busy || valid === 0} onClick={onPredict}>
        {busy ? 'Predicting…' : `Predict ${count(rows.length)} ${rows.length === 1 ? 'row' : 'rows'}`}
      </button>
      {valid === 0 && rows.length > 0 ? (
        <p className="field-error">No row is valid: fix the file and choose it again.</p>
      ) : null}
    </section>
  );
}
