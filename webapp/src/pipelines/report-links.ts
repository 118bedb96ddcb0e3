import type { RunDetail } from '../api/types';

export interface ReportLink {
  label: string;
  href: string;
}

/**
 * Links to the data-quality reports a run produced, from its tasks' outputs. Reports are served by
 * the API, which this page reaches through the web app's /api proxy, so the link is rewritten to it
 * (outputs hold the web app's own link, or the API's in runs from before alerts linked there).
 */
export function reportLinks(run: RunDetail): ReportLink[] {
  const links: ReportLink[] = [];
  for (const task of run.tasks) {
    const output = task.output;
    if (!output || typeof output !== 'object') continue;
    for (const [key, value] of Object.entries(output as Record<string, unknown>)) {
      if (!/report/i.test(key) || typeof value !== 'string') continue;
      const path = apiPath(value);
      if (path && !links.some((l) => l.href === path))
        links.push({ label: 'Data-quality report', href: path });
    }
  }
  return links;
}

function apiPath(value: string): string | undefined {
  const match = /^(?:https?:\/\/[^/]+)?(?:\/api)?(\/reports\/[^?#\s]+)$/.exec(value);
  return match ? `/api${match[1]}` : undefined;
}
