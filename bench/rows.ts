import { activeSpec } from '../core/feature-spec';
import { seededRandom } from '../core/model/random';

/** Valid input rows of the active spec, varied and reproducible (features only, no label). */
export function sampleRows(count: number, seed = 1): Record<string, string | number>[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const row: Record<string, string | number> = {};
    if (activeSpec.idColumn) row[activeSpec.idColumn.name] = i + 1;
    for (const column of activeSpec.features) {
      if (column.kind === 'category') row[column.name] = pick(column.values);
      else if (column.kind === 'number') {
        const value = column.min + random() * (column.max - column.min);
        row[column.name] = column.integer ? Math.round(value) : value;
      } else {
        const day = 1 + Math.floor(random() * 28);
        const minute = Math.floor(random() * 1440);
        const hh = String(Math.floor(minute / 60)).padStart(2, '0');
        const mm = String(minute % 60).padStart(2, '0');
        row[column.name] = `2001-04-${String(day).padStart(2, '0')} ${hh}:${mm}`;
      }
    }
    for (const rule of activeSpec.rowRules) {
      const [a, b] = rule.columns;
      const other = activeSpec.features.find((c) => c.name === b);
      while (row[a] === row[b] && other?.kind === 'category') row[b] = pick(other.values);
    }
    return row;
  });
}
