import { loadProcessConfig } from '../core/config';
import { connectDatabase, type Database } from '../core/db/client';

/** One line of a benchmark's table: the figure, its goal, and how it compares, from the same run. */
export interface Figure {
  measure: string;
  value: number;
  unit: string;
  goal?: { value: number; better: 'higher' | 'lower' };
  note?: string;
}

const format = (n: number) =>
  Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en') : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);

/** Ratio of the figure to its goal, oriented so that >= 1 meets the goal. */
export function ratio(f: Figure): number | undefined {
  if (!f.goal) return undefined;
  return f.goal.better === 'higher' ? f.value / f.goal.value : f.goal.value / f.value;
}

export function printTable(title: string, figures: Figure[]): void {
  const rows = figures.map((f) => {
    const r = ratio(f);
    const goal = f.goal ? `${f.goal.better === 'higher' ? '>=' : '<'} ${format(f.goal.value)} ${f.unit}` : '';
    const verdict = r === undefined ? '' : `${r.toFixed(2)}x ${r >= 1 ? 'meets' : 'MISSES'}`;
    return [f.measure, `${format(f.value)} ${f.unit}`, goal, verdict, f.note ?? ''];
  });
  const header = ['measure', 'value', 'goal', 'ratio to goal', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
}

export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Where the running Contrail is: the same variables `npm start` reads (API_PORT, CONTRAIL_API_URL, DATABASE_URL, …). */
export function benchTarget(): { apiUrl: string; headers: Record<string, string>; db: Database } {
  const config = loadProcessConfig();
  return {
    apiUrl: config.api.url,
    headers: {
      'content-type': 'application/json',
      ...(config.api.token ? { authorization: `Bearer ${config.api.token}` } : {}),
    },
    db: connectDatabase(config.databaseUrl, { applicationName: 'contrail-bench', max: 4 }),
  };
}

/**
 * Deletes the prediction requests and rows a benchmark stored under its made-up file name: left in
 * place, they would move the dashboards and the drift of the system measured.
 */
export async function removeBenchRows(db: Database, fileName: string): Promise<void> {
  await db.pool.query(`DELETE FROM predictions WHERE file_name = $1`, [fileName]);
  await db.pool.query(`DELETE FROM prediction_requests WHERE file_name = $1`, [fileName]);
}

export async function countPredictions(db: Database): Promise<number> {
  const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM predictions');
  return Number(rows[0]!.n);
}
