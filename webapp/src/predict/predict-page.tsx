import { useRef, useState } from 'react';
import { activeSpec } from '../../../core/feature-spec';
import { isAbort } from '../api/client';
import { Page } from '../components/page';
import { Progress } from '../components/progress';
import { ServiceStatus } from '../components/service-status';
import { ErrorNotice } from '../components/states';
import { Tabs } from '../components/tabs';
import { count, formatDelay } from '../format';
import { CsvUpload } from './csv-upload';
import type { ParsedCsv } from './parse-csv';
import type { ResultSet } from './results';
import { ResultsView } from './results-view';
import { type Batch, batchesOf } from './batch-body';
import { newSendState, type SendProgress, type SendState, sendBatches } from './send-rows';
import { SingleForm } from './single-form';

type Mode = 'form' | 'csv';

interface Job {
  origin: Mode;
  batches: Batch[];
  state: SendState;
}

export function PredictPage() {
  const [mode, setMode] = useState<Mode>('form');
  const [progress, setProgress] = useState<SendProgress>();
  const [failure, setFailure] = useState<unknown>();
  const [results, setResults] = useState<ResultSet>();
  const job = useRef<Job>(undefined);
  const abort = useRef<AbortController>(undefined);
  const busy = progress !== undefined;

  const run = async (next: Job) => {
    job.current = next;
    abort.current = new AbortController();
    setFailure(undefined);
    setProgress({ sentRows: 0, totalRows: next.batches.reduce((sum, b) => sum + b.rows, 0) });
    try {
      const state = await sendBatches(next.batches, next.state, setProgress, abort.current.signal);
      const rejected = state.results.filter((r) => r.issues !== null).length;
      setResults({
        rows: state.results,
        predicted: state.results.length - rejected,
        rejected,
        modelVersions: state.modelVersions,
        origin: next.origin,
      });
    } catch (error) {
      if (!isAbort(error)) setFailure(error);
    } finally {
      setProgress(undefined);
    }
  };
  const start = (origin: Mode, batches: Batch[]) => {
    setResults(undefined);
    void run({ origin, batches, state: newSendState() });
  };
  const single = results?.origin === 'form' && results.rows.length === 1 ? results.rows[0] : undefined;

  return (
    <Page title="Predict" intro={activeSpec.description}>
      <ServiceStatus />
      <Tabs
        label="How to give the flights"
        value={mode}
        onChange={(m) => setMode(m)}
        tabs={[
          { value: 'form', label: 'One flight' },
          { value: 'csv', label: 'Upload a CSV' },
        ]}
      >
        {/* Both stay mounted, so switching tabs keeps what was typed or chosen. */}
        <div hidden={mode !== 'form'}>
          <SingleForm busy={busy} onPredict={(row) => start('form', batchesOf([row]))} />
        </div>
        <div hidden={mode !== 'csv'}>
          <CsvUpload
            busy={busy}
            onPredict={(parsed: ParsedCsv) => start('csv', parsed.batches)}
            onCleared={() => setResults(undefined)}
          />
        </div>
      </Tabs>
      {progress && progress.totalRows > 1 ? (
        <div className="sending">
          <Progress
            label="Predicting"
            value={progress.sentRows / progress.totalRows}
            detail={`${count(progress.sentRows)} of ${count(progress.totalRows)} rows answered`}
          />
          <button type="button" onClick={() => abort.current?.abort()}>
            Stop
          </button>
        </div>
      ) : null}
      {failure ? (
        <ErrorNotice
          title="The prediction failed."
          error={failure}
          onRetry={job.current ? () => void run(job.current!) : undefined}
        />
      ) : null}
      {single && single.prediction !== null ? (
        <p className="prediction-card" role="status">
          <span className="muted">Predicted {activeSpec.label.label.toLowerCase()}</span>
          <strong>{formatDelay(single.prediction, activeSpec.label.unit)}</strong>
        </p>
      ) : null}
      {results ? <ResultsView results={results} /> : null}
    </Page>
  );
}
