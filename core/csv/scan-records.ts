/**
 * The one CSV grammar of ingestion (RFC 4180, comma-separated), shared by validation and the
 * good/bad split so both count exactly the same records.
 *
 * It works on bytes and reports where each field lies instead of making a string of it: a string
 * per cell costs more than all the checks together, and the split copies a record's original bytes.
 * Lenient where files go wrong in practice, strict where guessing would lose rows:
 *   - a line terminator is `\n` or `\r\n`; blank lines are not records;
 *   - a quoted field may hold commas, newlines and `""`; text after its closing quote marks the
 *     record malformed (kept, flagged) instead of failing the file;
 *   - a quote opened and never closed is reported (`unterminatedQuoteAt`): the file is not CSV.
 */
import { FieldSpans } from './field-spans';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export { decodeField, FieldSpans } from './field-spans';

/** Receives each complete record; `fields` is reused between calls. */
export interface RecordSink {
  /** False: only record boundaries are needed (the split's fast path); fields and their count are not given. */
  readonly wantsFields: boolean;
  record(fields: FieldSpans, fieldCount: number, start: number, end: number, malformed: boolean): void;
}

export interface ScanOutcome {
  /** Offset just past the last complete record (and its terminator): the caller keeps the rest. */
  consumed: number;
  /** Set when `final` and a quoted field is still open at the end: the offset of its opening quote. */
  unterminatedQuoteAt?: number;
}

/**
 * Scans complete records of `bytes` from `from`. Not `final`: a record cut by the end is left for
 * the next call (not consumed). The `end` given to the sink excludes the record's terminator.
 */
export function scanRecords(bytes: Buffer, from: number, final: boolean, sink: RecordSink): ScanOutcome {
  const length = bytes.length;
  const collect = sink.wantsFields;
  if (!collect && bytes.indexOf(QUOTE, from) < 0) return scanLines(bytes, from, final, sink);
  const fields = new FieldSpans();
  let pos = from;
  let consumed = from;

  records: while (pos < length) {
    const start = pos;
    let c = bytes[pos]!;
    if (c === LF) {
      consumed = ++pos;
      continue;
    }
    if (c === CR && (pos + 1 === length || bytes[pos + 1] === LF)) {
      if (pos + 1 === length && !final) break;
      consumed = pos = Math.min(pos + 2, length);
      continue;
    }
    let count = 0;
    let malformed = false;
    for (;;) {
      if (pos < length && bytes[pos] === QUOTE) {
        const open = pos;
        let escaped = false;
        let close: number;
        for (let from = pos + 1; ; from = close + 2) {
          close = bytes.indexOf(QUOTE, from);
          if (close < 0 || (close + 1 === length && !final)) {
            if (final && close < 0) return { consumed, unterminatedQuoteAt: open };
            break records;
          }
          if (bytes[close + 1] !== QUOTE) break;
          escaped = true;
        }
        pos = close + 1;
        c = pos < length ? bytes[pos]! : LF;
        if (c === CR) {
          if (pos + 1 === length && !final) break records;
          if (pos + 1 === length || bytes[pos + 1] === LF) c = LF;
        }
        if (c !== COMMA && c !== LF) {
          // Text after a closing quote: it stays in the field, and the record is flagged.
          malformed = true;
          while (pos < length && (c = bytes[pos]!) !== COMMA && c !== LF) pos++;
          if (pos === length && !final) break records;
        }
        let end = pos;
        if (c !== COMMA && end > open && bytes[end - 1] === CR) end--;
        if (collect) {
          if (escaped || end !== close + 1) fields.set(count, open, end, 1);
          else fields.set(count, open + 1, close, 0);
        }
      } else {
        let p = pos;
        c = -1;
        while (p < length && (c = bytes[p]!) !== COMMA && c !== LF) p++;
        if (p === length && !final) break records;
        if (collect) fields.set(count, pos, c !== COMMA && p > pos && bytes[p - 1] === CR ? p - 1 : p, 0);
        pos = p;
      }
      count++;
      if (pos < length && bytes[pos] === COMMA) {
        pos++;
        continue;
      }
      break;
    }
    let end = pos;
    if (end > start && bytes[end - 1] === CR) end--;
    sink.record(fields, count, start, end, malformed);
    if (pos < length) pos++;
    consumed = pos;
  }
  return { consumed };
}

/**
 * Record boundaries of text without a single quote: then a record is a non-blank line, found with
 * the native indexOf (several times faster than looking at every byte). Same records as above.
 */
function scanLines(bytes: Buffer, from: number, final: boolean, sink: RecordSink): ScanOutcome {
  const fields = new FieldSpans();
  let pos = from;
  while (pos < bytes.length) {
    let lf = bytes.indexOf(LF, pos);
    if (lf < 0) {
      if (!final) break;
      lf = bytes.length;
    }
    const end = lf > pos && bytes[lf - 1] === CR ? lf - 1 : lf;
    if (end > pos) {
      let count = 1;
      for (let at = bytes.indexOf(COMMA, pos); at >= 0 && at < end; at = bytes.indexOf(COMMA, at + 1))
        count++;
      sink.record(fields, count, pos, end, false);
    }
    pos = lf + 1;
  }
  return { consumed: Math.min(pos, bytes.length) };
}
