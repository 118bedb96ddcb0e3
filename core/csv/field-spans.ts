/**
 * Where the fields of one record lie, reused from record to record. `starts[k]..ends[k]` is field
 * k's text, except where `raw[k]` is 1: then the span is the field as written, quotes and `""`
 * included, and `decodeField` gives its text.
 */
export class FieldSpans {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  raw = new Uint8Array(64);

  set(k: number, start: number, end: number, raw: number): void {
    if (k >= this.starts.length) this.grow();
    this.starts[k] = start;
    this.ends[k] = end;
    this.raw[k] = raw;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const raw = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    raw.set(this.raw);
    Object.assign(this, { starts, ends, raw });
  }
}

/** The text of a field written with quotes: without them, `""` read as `"`, text after the closing quote kept. */
export function decodeField(bytes: Buffer, start: number, end: number): string {
  const text = bytes.toString('utf8', start, end);
  if (!text.startsWith('"')) return text;
  const close = findClosingQuote(text);
  return text.slice(1, close).replaceAll('""', '"') + text.slice(close + 1);
}

function findClosingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') i++;
    else return i;
  }
  return text.length;
}
