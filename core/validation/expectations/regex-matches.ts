import type { BatchView } from '../batch-view';
import { decideOnce } from '../value-decisions';

/** 1 where a cell matches `pattern`; each distinct value is tested once (a regex needs a string, the slowest thing a check can make). */
export function regexMatches(view: BatchView, column: number, pattern: RegExp): Uint8Array {
  return decideOnce(view, column, `regex:${pattern.source}:${pattern.flags}`, (bytes, start, end) => {
    pattern.lastIndex = 0;
    return pattern.test(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8'));
  });
}
