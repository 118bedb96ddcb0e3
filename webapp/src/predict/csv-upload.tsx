import { type DragEvent, useRef, useState } from 'react';
import { count } from '../format';
import { isAbort } from '../api/client';
import { downloadText } from '../components/csv-file';
import { Progress } from '../components/progress';
import { CsvPreview } from './csv-preview';
import { type ParsedCsv, type ParseHandle, parseCsv } from './parse-csv';
import { templateCsv } from './results-csv';
import { activeSpec } from '../../../core/feature-spec';

interface Props {
  busy: boolean;
  onPredict: (parsed: ParsedCsv) => void;
  onCleared: () => void;
}

/** Choose or drop a CSV; it is parsed and checked in a worker, then previewed with what will be refused. */
export function CsvUpload({ busy, onPredict, onCleared }: Props) {
  const [parsed, setParsed] = useState<ParsedCsv>();
  const [reading, setReading] = useState<{ name: string; share: number; rows: number }>();
  const [error, setError] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const handle = useRef<ParseHandle>(undefined);
  const input = useRef<HTMLInputElement>(null);

  const read = (file: File) => {
    handle.current?.cancel();
    setParsed(undefined);
    setError(undefined);
    onCleared();
    setReading({ name: file.name, share: 0, rows: 0 });
    const current = parseCsv(file, (share, rows) => setReading({ name: file.name, share, rows }));
    handle.current = current;
    current.done.then(
      (result) => {
        setParsed(result);
        setReading(undefined);
      },
      (reason: unknown) => {
        if (isAbort(reason)) return;
        setReading(undefined);
        setError(reason instanceof Error ? reason.message : String(reason));
      },
    );
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) read(file);
  };

  return (
    <div className="csv-upload">
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor="csv-file" className="drop-label">
          Choose a CSV file, or drop one here
        </label>
        <input
          ref={input}
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="csv-help"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) read(file);
          }}
        />
        <p id="csv-help" className="field-hint">
          One row per flight, with a header line. Up to 100,000 rows are fine; they are checked here, in your
          browser, before anything is sent.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => downloadText(`${activeSpec.id}-template.csv`, templateCsv())}
          >
            Download a template
          </button>
        </p>
      </div>
      {reading ? (
        <div className="reading">
          <Progress
            label={`Reading ${reading.name}`}
            value={reading.share}
            detail={`${count(reading.rows)} rows so far`}
          />
          <button type="button" onClick={() => handle.current?.cancel()}>
            Cancel
          </button>
        </div>
      ) : null}
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>{error}</strong>
          </p>
          <p>Check that it is a CSV file with a header line, or start from the template.</p>
        </div>
      ) : null}
      {parsed ? <CsvPreview parsed={parsed} busy={busy} onPredict={() => onPredict(parsed)} /> : null}
    </div>
  );
}
