import crypto from 'node:crypto';
import path from 'node:path';

/**
 * File systems refuse names over 255 bytes, and writers add a temporary suffix to the names they
 * write (`.<name>.<8 hex>.tmp`). A name longer than `maxBytes` (UTF-8) keeps its extension and as
 * much of its start as fits, cut on a character boundary, plus a hash of the whole name so two long
 * names that start alike stay apart.
 */
export function boundedName(name: string, maxBytes = 200): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const parsed = path.parse(name);
  const ext = Buffer.byteLength(parsed.ext) <= 16 ? parsed.ext : '';
  const stem = ext ? parsed.name : name;
  const hash = crypto.createHash('sha256').update(name).digest('hex').slice(0, 12);
  const room = maxBytes - Buffer.byteLength(ext) - hash.length - 2;
  let kept = '';
  for (const char of stem) {
    if (Buffer.byteLength(kept + char) > room) break;
    kept += char;
  }
  return `${kept}--${hash}${ext}`;
}
