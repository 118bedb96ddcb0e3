export type SortValue = string | number | null | undefined;
export type SortDirection = 'ascending' | 'descending';

/** Sorts a copy of `rows` by `value`; empty values go last whichever the direction, ties keep their order. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row, position) => ({ row, position, key: value(row) }));
  keyed.sort((a, b) => {
    const aEmpty = a.key === null || a.key === undefined || a.key === '';
    const bEmpty = b.key === null || b.key === undefined || b.key === '';
    if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.position - b.position : aEmpty ? 1 : -1;
    if (a.key! < b.key!) return -sign;
    if (a.key! > b.key!) return sign;
    return a.position - b.position;
  });
  return keyed.map((k) => k.row);
}
