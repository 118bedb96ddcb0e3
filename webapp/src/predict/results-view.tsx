import { useMemo, useState } from 'react';
import { activeSpec } from '../../../core/feature-spec';
import { type Column, DataTable } from '../components/data-table';
import { downloadText } from '../components/csv-file';
import { formatDelay } from '../format';
import { lineOf } from './csv-protocol';
import { issueText, type ResultRow, type ResultSet } from './results';
import { resultsCsv } from './results-csv';

type Filter = 'all' | 'predicted' | 'rejected';

/** Every row sent, with its prediction or its reasons; sortable, filterable, downloadable. */
export function ResultsView({ results }: { results: ResultSet }) {
  const [filter, setFilter] = useState<Filter>('all');
  const rows = useMemo(
    () =>
      filter === 'all'
        ? results.rows
        : results.rows.filter((r) => (filter === 'rejected' ? r.issues !== null : r.issues === null)),
    [results, filter],
  );
  const columns = useMemo<Column<ResultRow>[]>(() => {
    const where: Column<ResultRow> =
      results.origin === 'csv'
        ? { key: 'line', header: 'Line', value: (r) => lineOf(r.index), numeric: true }
        : { key: 'row', header: 'Row', value: (r) => r.index + 1, numeric: true };
    const id = activeSpec.idColumn;
    return [
      where,
      ...(id ? [{ key: id.name, header: id.label, value: (r: ResultRow) => cell(r.features[id.name]) }] : []),
      ...activeSpec.features.map((f) => ({
        key: f.name,
        header: f.label,
        value: (r: ResultRow) => cell(r.features[f.name]),
        numeric: f.kind === 'number',
      })),
      {
        key: 'prediction',
        header: `Predicted ${activeSpec.label.label.toLowerCase()}`,
        value: (r) => r.prediction,
        render: (r) => (r.prediction === null ? '' : formatDelay(r.prediction, activeSpec.label.unit)),
        numeric: true,
      },
      { key: 'error', header: 'Why it was refused', value: (r) => (r.issues ? issueText(r.issues) : null) },
    ];
  }, [results.origin]);

  const download = () => downloadText('predictions.csv', resultsCsv(results));
  return (
    <section className="results" aria-labelledby="results-title">
      <div className="results-head">
        <h2 id="results-title">Results</h2>
        <p className="results-summary" role="status">
          <span className="badge badge-success">{results.predicted.toLocaleString('en')} predicted</span>{' '}
          <span className={`badge ${results.rejected > 0 ? 'badge-failed' : 'badge-muted'}`}>
            {results.rejected.toLocaleString('en')} rejected
          </span>{' '}
          {results.modelVersions.length > 0 ? (
            <span className="muted">model {results.modelVersions.join(', ')}</span>
          ) : null}
        </p>
        <div className="results-tools">
          <label>
            Show{' '}
            <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
              <option value="all">every row</option>
              <option value="predicted">predicted rows</option>
              <option value="rejected">rejected rows</option>
            </select>
          </label>
          <button type="button" onClick={download}>
            Download CSV
          </button>
        </div>
      </div>
      <DataTable
        caption="Prediction results"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.index}
        rowClass={(r) => (r.issues ? 'row-rejected' : undefined)}
      />
    </section>
  );
}

function cell(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value);
}
