import { useMemo } from 'react';
import { Page } from '../components/page';
import { Empty, ErrorNotice, Loading } from '../components/states';
import { TimeChart } from '../components/time-chart';
import { formatInstant } from '../format';
import { counted, epochSeconds, percent, since } from './figures';
import { QualityTables } from './quality-tables';
import { freshnessStatus, invalidShareStatus, Tile } from './status';
import type { QualityResponse } from './types';
import { useMonitoring, useWindow } from './use-monitoring';
import { WindowPicker } from './window-picker';

const GRAFANA = { orange: '#FF9830', red: '#F2495C' };
const SHARE_RULES = [
  { value: 5, color: GRAFANA.orange },
  { value: 50, color: GRAFANA.red },
];

/** Why the whole is not green, in words (the API's status decides the colour). */
function reasons(s: QualityResponse['summary']): string {
  const found: string[] = [];
  if (s.filesAllInvalid > 0) found.push(`${counted(s.filesAllInvalid)} file(s) with no valid row`);
  if (invalidShareStatus(s.invalidShare) !== 'green' && s.invalidShare !== null)
    found.push(`${percent(s.invalidShare)} of rows invalid`);
  if (freshnessStatus(s.secondsSinceLastIngestion) !== 'green')
    found.push(
      s.secondsSinceLastIngestion === null
        ? 'no file ingested yet'
        : `no file for ${Math.floor(s.secondsSinceLastIngestion / 60)} min`,
    );
  return found.length > 0 ? found.join('; ') : 'Within every threshold';
}

/** Data quality of the ingested files over a window: the monitoring issue's first dashboard. */
export function QualityPage() {
  const [window, setWindow] = useWindow();
  const quality = useMonitoring<QualityResponse>('quality', window);
  const data = quality.data;
  const chart = useMemo(
    () =>
      data && {
        times: data.series.map((s) => epochSeconds(s.bucket)),
        series: [
          {
            label: 'invalid rows (%)',
            color: '#2563eb',
            values: data.series.map((s) => (s.invalidShare === null ? null : s.invalidShare * 100)),
          },
        ],
        rows: [
          { label: 'rows', color: '#0f766e', values: data.series.map((s) => s.rows) },
          { label: 'invalid rows', color: GRAFANA.red, values: data.series.map((s) => s.invalidRows) },
        ],
      },
    [data],
  );
  const s = data?.summary;
  return (
    <Page
      title="Data quality"
      intro="What ingestion found in the files it took: rows, invalid rows, and the checks that failed."
    >
      <WindowPicker
        value={window}
        onChange={setWindow}
        shown={data?.window}
        refreshing={quality.refreshing}
      />
      {quality.loading ? <Loading what="data quality" /> : null}
      {quality.error ? <ErrorNotice error={quality.error} onRetry={quality.reload} /> : null}
      {s && data ? (
        <>
          <div className="tiles" role="group" aria-label="Data quality figures">
            <Tile id="status" label="Overall" value={reasons(s)} status={s.status} />
            <Tile id="files" label="Files ingested" value={counted(s.files)} />
            <Tile id="rows" label="Rows" value={counted(s.rows)} />
            <Tile id="invalidRows" label="Invalid rows" value={counted(s.invalidRows)} />
            <Tile
              id="invalidShare"
              label="Invalid share"
              value={percent(s.invalidShare)}
              status={invalidShareStatus(s.invalidShare)}
            />
            <Tile
              id="lastIngestion"
              label="Last file ingested"
              value={since(s.secondsSinceLastIngestion)}
              status={freshnessStatus(s.secondsSinceLastIngestion)}
              detail={s.lastIngestionAt ? formatInstant(s.lastIngestionAt) : undefined}
            />
            <Tile id="filesAllInvalid" label="Files with no valid row" value={counted(s.filesAllInvalid)} />
            <Tile
              id="runsFailed"
              label="Ingestion runs failed / skipped"
              value={`${counted(s.ingestionRunsFailed)} / ${counted(s.ingestionRunsSkipped)}`}
            />
            <Tile
              id="criticality"
              label="Files by criticality"
              value={`${s.criticality.high} high · ${s.criticality.medium} medium`}
              detail={`${s.criticality.low} low · ${s.criticality.none} none`}
            />
          </div>
          {s.rows === 0 ? (
            <Empty>No file was ingested in this window.</Empty>
          ) : chart ? (
            <div className="chart-pair">
              <figure className="chart-figure">
                <TimeChart
                  times={chart.times}
                  series={chart.series}
                  yLabel="invalid rows (%)"
                  summary="Share of invalid rows over time, with the 5% and 50% thresholds"
                  rules={SHARE_RULES}
                />
                <figcaption>
                  Share of invalid rows per step; dashed: the orange (5%) and red (50%) thresholds.
                </figcaption>
              </figure>
              <figure className="chart-figure">
                <TimeChart
                  times={chart.times}
                  series={chart.rows}
                  yLabel="rows"
                  summary="Rows and invalid rows ingested per step"
                />
                <figcaption>Rows and invalid rows ingested per step.</figcaption>
              </figure>
            </div>
          ) : null}
          <QualityTables data={data} />
        </>
      ) : null}
    </Page>
  );
}
