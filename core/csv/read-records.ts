import { decodeField, type FieldSpans } from './scan-records';
import { streamRecords, type StreamOptions, type StreamOutcome, type StreamSink } from './stream-records';

export interface ReadRecord {
  fields: string[];
  malformed: boolean;
}

/** Every record of a file as strings: for tests, tools and small files, not the validation path. */
export async function readRecords(
  file: string,
  options: StreamOptions = {},
): Promise<{ records: ReadRecord[]; outcome: StreamOutcome }> {
  const records: ReadRecord[] = [];
  let bytes: Buffer = Buffer.alloc(0);
  const sink: StreamSink = {
    wantsFields: true,
    beginRegion: (region) => {
      bytes = region;
    },
    record(fields: FieldSpans, count: number, _start: number, _end: number, malformed: boolean) {
      const texts: string[] = [];
      for (let k = 0; k < count; k++) {
        const [start, end] = [fields.starts[k]!, fields.ends[k]!];
        texts.push(fields.raw[k] ? decodeField(bytes, start, end) : bytes.toString('utf8', start, end));
      }
      records.push({ fields: texts, malformed });
    },
    endRegion: () => undefined,
  };
  const outcome = await streamRecords(file, sink, options);
  return { records, outcome };
}
