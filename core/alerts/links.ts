/**
 * Where a person lands from an alert: the web app, never the API. A browser holds no API token
 * (the web app's server adds it to what it passes on), and the web app's address is the one people
 * reach, where the API's may be internal (`http://api:8000` in compose).
 */
const base = (webappUrl: string) => webappUrl.replace(/\/$/, '');

/** A file's data-quality report, served by the API through the web app's /api. */
export const reportLinkOf = (webappUrl: string, reportId: string) =>
  `${base(webappUrl)}/api/reports/${encodeURIComponent(reportId)}`;

/** A dashboard page of the web app over a window (`10m`, `1h`, `24h`). */
export const dashboardLinkOf = (webappUrl: string, page: 'data-quality' | 'drift', window: string) =>
  `${base(webappUrl)}/${page}?window=${window}`;
