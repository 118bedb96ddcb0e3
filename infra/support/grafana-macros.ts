/**
 * Grafana's SQL macros, expanded the way its Postgres data source does, so the tests can run a
 * panel's or an alert rule's SQL against a real database. Any other `$__` macro is an error: a
 * query the tests cannot expand is a query they do not check.
 */
export interface GrafanaRange {
  from: Date;
  to: Date;
  /** Grafana's $__interval, one of its rounded steps ('30s', '5m', '1h', …). */
  interval: string;
}

export function expandMacros(sql: string, range: GrafanaRange): string {
  const from = `'${range.from.toISOString()}'`;
  const to = `'${range.to.toISOString()}'`;
  const expanded = sql
    .replaceAll('$__timeFrom()', from)
    .replaceAll('$__timeTo()', to)
    .replace(
      /\$__timeFilter\(([^)]+)\)/g,
      (_, column: string) => `${column.trim()} BETWEEN ${from} AND ${to}`,
    )
    .replaceAll('$__interval_ms', String(intervalMs(range.interval)))
    .replaceAll('$__interval', range.interval);
  const left = /\$__\w+/.exec(expanded);
  if (left) throw new Error(`the tests cannot expand Grafana macro ${left[0]} in: ${sql}`);
  return expanded;
}

function intervalMs(interval: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(interval);
  if (!match) throw new Error(`not a Grafana interval: ${interval}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms'];
  return Number(match[1]) * unit;
}
