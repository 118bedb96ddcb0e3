/**
 * The options a search text matches, best first: codes that start with it, then names that
 * contain it (case-insensitive). An empty search lists every option.
 */
export function matchOptions(
  search: string,
  values: readonly string[],
  labels: Readonly<Record<string, string>> | undefined,
  limit: number,
): string[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return values.slice(0, limit);
  const byCode: string[] = [];
  const byName: string[] = [];
  for (const value of values) {
    if (value.toLowerCase().startsWith(needle)) byCode.push(value);
    else if (labels?.[value]?.toLowerCase().includes(needle)) byName.push(value);
  }
  return [...byCode, ...byName].slice(0, limit);
}
