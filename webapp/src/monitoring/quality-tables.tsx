import { type Column, DataTable } from '../components/data-table';
import { Empty } from '../components/states';
import { formatInstant } from '../format';
import { counted, percent } from './figures';
import type { QualityResponse } from './types';

type Issue = QualityResponse['issues'][number];
type WorstFile = QualityResponse['worstFiles'][number];

const ISSUE_COLUMNS: Column<Issue>[] = [
  { key: 'type', header: 'Expectation', value: (i) => i.expectationType },
  { key: 'column', header: 'Column', value: (i) => i.column ?? '(table)' },
  { key: 'files', header: 'Files', value: (i) => i.files, render: (i) => counted(i.files), numeric: true },
  {
    key: 'rows',
    header: 'Unexpected rows',
    value: (i) => i.unexpectedRows,
    render: (i) => counted(i.unexpectedRows),
    numeric: true,
  },
  { key: 'criticality', header: 'Worst criticality', value: (i) => i.worstCriticality },
];

const FILE_COLUMNS: Column<WorstFile>[] = [
  { key: 'file', header: 'File', value: (f) => f.fileName },
  { key: 'at', header: 'Ingested', value: (f) => f.ingestedAt, render: (f) => formatInstant(f.ingestedAt) },
  { key: 'rows', header: 'Rows', value: (f) => f.rows, render: (f) => counted(f.rows), numeric: true },
  {
    key: 'share',
    header: 'Invalid',
    value: (f) => f.invalidShare,
    render: (f) => percent(f.invalidShare),
    numeric: true,
  },
  { key: 'criticality', header: 'Criticality', value: (f) => f.criticality },
  { key: 'failed', header: 'Failed checks', value: (f) => f.failedExpectations, numeric: true },
  {
    key: 'report',
    header: 'Report',
    value: (f) => f.reportPath,
    // Reports are served by the API, reached through the web app's /api proxy.
    render: (f) =>
      f.reportPath ? (
        <a href={`/api${f.reportPath}`} target="_blank" rel="noreferrer">
          Open report
        </a>
      ) : (
        '—'
      ),
  },
];

/** The failed checks of the window and its worst files, each with its data-quality report. */
export function QualityTables({ data }: { data: QualityResponse }) {
  return (
    <>
      <h2>Failed checks</h2>
      {data.issues.length === 0 ? (
        <Empty>No check failed in this window.</Empty>
      ) : (
        <DataTable
          caption="Failed checks"
          columns={ISSUE_COLUMNS}
          rows={data.issues}
          rowKey={(i) => `${i.expectationType}/${i.column}`}
        />
      )}
      <h2>Worst files</h2>
      {data.worstFiles.length === 0 ? (
        <Empty>No file was ingested in this window.</Empty>
      ) : (
        <DataTable
          caption="Worst files"
          columns={FILE_COLUMNS}
          rows={data.worstFiles}
          rowKey={(f) => f.runId}
        />
      )}
    </>
  );
}
