import { InvalidArgumentError } from 'commander';
import { DATETIME_FORMAT, parseDateTime } from '../../core/feature-spec';

/** A window boundary on the command line: `YYYY-MM-DD` (midnight) or `YYYY-MM-DD HH:mm`. */
export function parseWindowDate(value: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value} 00:00` : value;
  if (Number.isNaN(parseDateTime(text))) {
    throw new InvalidArgumentError(`expected YYYY-MM-DD or ${DATETIME_FORMAT}, got "${value}"`);
  }
  return text;
}
