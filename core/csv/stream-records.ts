import crypto from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs/promises';
import { type RecordSink, scanRecords } from './scan-records';

/**
 * Reads a CSV file in fixed-size chunks and hands complete records to a sink, so memory stays
 * bounded by the chunk size whatever the file's size. A record cut by a chunk's end is carried into
 * the next chunk. The bytes are hashed on the way (sha256), and a file that is not text (a NUL byte,
 * invalid UTF-8), has an unterminated quote or a runaway record stops with a `problem`.
 */
export interface StreamSink extends RecordSink {
  /** A new record-aligned region: the records that follow are spans of `bytes`, which is reused after endRegion. */
  beginRegion(bytes: Buffer): void;
  /** Every record of the region has been delivered. */
  endRegion(): void | Promise<void>;
}

export type StreamProblemKind = 'binary' | 'encoding' | 'unterminated_quote' | 'record_too_long';

export interface StreamProblem {
  kind: StreamProblemKind;
  message: string;
  byteOffset: number;
}

/** Either the whole file was scanned (its size and sha256), or the scan stopped at a problem. */
export type StreamOutcome =
  { bytes: number; sha256: string; problem?: undefined } | { problem: StreamProblem };

export interface StreamOptions {
  chunkBytes?: number;
  /** A record longer than this stops the scan: almost always a quote that never closes. */
  maxRecordBytes?: number;
}

export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function streamRecords(
  file: string,
  sink: StreamSink,
  options: StreamOptions = {},
): Promise<StreamOutcome> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const hash = crypto.createHash('sha256');
  const handle = await fs.open(file, 'r');
  // One buffer for the whole file: the unfinished record at a chunk's end (the carry) moves to its
  // front and the next chunk is read behind it. Fewer large allocations, less garbage collection.
  let buffer = Buffer.allocUnsafe(chunkBytes + 64 * 1024);
  let carryLength = 0;
  let carryOffset = 0; // file offset of buffer[0]
  let utf8Pending = 0; // bytes at the end of carry not yet checked as UTF-8
  let total = 0;
  let startSeen = false;
  const stop = (kind: StreamProblemKind, message: string, byteOffset: number): StreamOutcome => ({
    problem: { kind, message, byteOffset },
  });
  try {
    for (;;) {
      if (buffer.length < carryLength + chunkBytes) {
        const bigger = Buffer.allocUnsafe(carryLength + chunkBytes);
        buffer.copy(bigger, 0, 0, carryLength);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, carryLength, chunkBytes, null);
      const final = bytesRead === 0;
      let bytes = buffer.subarray(0, carryLength + bytesRead);
      let base = 0; // where `bytes` starts in `buffer`
      const fresh = bytes.subarray(carryLength);
      hash.update(fresh);
      if (fresh.indexOf(0) >= 0) {
        return stop(
          'binary',
          'the file holds NUL bytes: it is binary, not CSV text',
          total + fresh.indexOf(0),
        );
      }
      const checkFrom = carryLength - utf8Pending;
      const checkTo = final ? bytes.length : completeUtf8Length(bytes);
      if (!isUtf8(bytes.subarray(checkFrom, checkTo))) {
        return stop('encoding', 'the file is not UTF-8 text', carryOffset + checkFrom);
      }
      utf8Pending = bytes.length - checkTo;
      total += bytesRead;
      if (!startSeen) {
        // A byte-order mark is not data: drop it, once three bytes are in hand.
        if (bytes.length < BOM.length && !final) {
          carryLength = bytes.length;
          continue;
        }
        startSeen = true;
        if (bytes.subarray(0, BOM.length).equals(BOM)) {
          bytes = bytes.subarray(BOM.length);
          base = BOM.length;
        }
      }
      sink.beginRegion(bytes);
      const outcome = scanRecords(bytes, 0, final, sink);
      await sink.endRegion();
      if (outcome.unterminatedQuoteAt !== undefined) {
        const at = carryOffset + base + outcome.unterminatedQuoteAt;
        return stop('unterminated_quote', `a quoted field opened at byte ${at} is never closed`, at);
      }
      if (final) return { bytes: total, sha256: hash.digest('hex') };
      carryLength = bytes.length - outcome.consumed;
      buffer.copyWithin(0, base + outcome.consumed, base + bytes.length);
      carryOffset += base + outcome.consumed;
      utf8Pending = Math.min(utf8Pending, carryLength);
      if (carryLength > maxRecordBytes) {
        return stop(
          'record_too_long',
          `a record starting at byte ${carryOffset} is longer than ${maxRecordBytes} bytes (an unclosed quote?)`,
          carryOffset,
        );
      }
    }
  } finally {
    await handle.close();
  }
}

/** The length of `bytes` without a trailing, still incomplete UTF-8 sequence. */
function completeUtf8Length(bytes: Buffer): number {
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 4 && (bytes[i]! & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - i < need ? i : bytes.length;
}
