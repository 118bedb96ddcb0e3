import { type ReactNode, useMemo, useState } from 'react';
import { type SortDirection, type SortValue, sortRows } from './sort-rows';

export interface Column<T> {
  key: string;
  header: string;
  value: (row: T) => SortValue;
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

interface Props<T> {
  caption: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  rowClass?: (row: T) => string | undefined;
  pageSize?: number;
  initialSort?: { key: string; direction: SortDirection };
}

const count = (n: number) => n.toLocaleString('en');

/**
 * A table sortable by any column (a button in each header, so it works from the keyboard) and
 * paged, so 100,000 rows cost the page no more than one page of them.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowClass,
  pageSize = 50,
  initialSort,
}: Props<T>) {
  const [sort, setSort] = useState(initialSort);
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.key === sort.key);
    return column ? sortRows(rows, column.value, sort.direction) : rows;
  }, [rows, sort, columns]);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const current = Math.min(page, pages - 1);
  const visible = sorted.slice(current * pageSize, (current + 1) * pageSize);

  const toggle = (key: string) => {
    setSort((s) => ({
      key,
      direction: s?.key === key && s.direction === 'ascending' ? 'descending' : 'ascending',
    }));
    setPage(0);
  };

  return (
    <div className="table-block">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sort?.key === c.key ? sort.direction : undefined}
                  className={c.numeric ? 'num' : undefined}
                >
                  <button type="button" className="sort" onClick={() => toggle(c.key)}>
                    {c.header}
                    <span aria-hidden="true" className="sort-mark">
                      {sort?.key === c.key ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={rowKey(row)} className={rowClass?.(row)}>
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {c.render ? c.render(row) : (c.value(row) ?? '')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="pager" aria-label={`${caption} pages`}>
          <button type="button" onClick={() => setPage(current - 1)} disabled={current === 0}>
            Previous
          </button>
          <span aria-live="polite">
            Rows {count(current * pageSize + 1)}–{count(current * pageSize + visible.length)} of{' '}
            {count(sorted.length)}
          </span>
          <button type="button" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>
            Next
          </button>
        </nav>
      ) : null}
    </div>
  );
}
