import { escapeHtml as e } from '../alerts/escape-html';
import type { ExpectationValidationResult, ValidationResult } from '../validation/types';

/**
 * A data-quality report for one validated file, in the manner of Great Expectations' Data Docs:
 * the verdict and its reasons, then every expectation, passed or failed, with its arguments, what
 * was observed, how many values were unexpected and samples of them. One self-contained HTML page
 * (inline styles, no scripts), since it is served as is and opened from alerts.
 */
const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1200px;color:#1f2933;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem} h2{font-size:1.1rem;margin:2rem 0 .5rem}
.muted{color:#616e7c} code{font:12px ui-monospace,Menlo,Consolas,monospace}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:1rem;font-weight:600;text-transform:uppercase;font-size:.8rem}
.c-high{background:#ffe3e3;color:#a61b1b}.c-medium{background:#fff3c4;color:#8d5b00}.c-low{background:#e3f0ff;color:#1c4f91}.c-none{background:#e3f9e5;color:#1f6b35}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:1rem 0}
.facts dt{font-weight:600} .facts dd{margin:0}
table{border-collapse:collapse;width:100%} th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #e4e7eb}
th{background:#f5f7fa;font-size:.85rem} tr.fail td:first-child{color:#a61b1b;font-weight:700} tr.pass td:first-child{color:#1f6b35}
.samples span{display:inline-block;background:#f5f7fa;border-radius:.25rem;padding:0 .3rem;margin:0 .2rem .2rem 0}
.notice{background:#ffe3e3;border-left:4px solid #a61b1b;padding:.6rem 1rem}`;

const number = (n: number | undefined) => (n === undefined ? '' : n.toLocaleString('en-US'));
const percent = (p: number | undefined) =>
  p === undefined ? '' : `${p.toFixed(p > 0 && p < 0.01 ? 4 : 2)}%`;
const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function argumentsOf(result: ExpectationValidationResult): string {
  const shown = Object.entries(result.expectation_config.kwargs).filter(
    ([key]) => !['column', 'column_list'].includes(key),
  );
  return shown
    .map(([key, v]) => {
      const text =
        Array.isArray(v) && v.length > 8
          ? `[${v.slice(0, 8).map(value).join(', ')}, … ${v.length} values]`
          : value(v);
      return `<code>${e(key)}=${e(text.length > 300 ? `${text.slice(0, 299)}…` : text)}</code>`;
    })
    .join('<br>');
}

function row(result: ExpectationValidationResult): string {
  const r = result.result;
  const { kwargs } = result.expectation_config;
  const columns = kwargs.column ?? (Array.isArray(kwargs.column_list) ? kwargs.column_list.join(', ') : '');
  const unexpected =
    r.unexpected_count === undefined
      ? ''
      : `${number(r.unexpected_count)} <span class="muted">(${percent(r.unexpected_percent)} of ${number(r.element_count - (r.missing_count ?? 0))})</span>`;
  const observed = result.exception_info.raised_exception
    ? `<em>${e(result.exception_info.exception_message ?? '')}</em>`
    : r.observed_value !== undefined
      ? e(value(r.observed_value))
      : `${number(r.element_count)} values, ${number(r.missing_count)} missing`;
  const samples = (r.partial_unexpected_counts ?? [])
    .map((c) => `<span>${e(value(c.value))}${c.count > 1 ? ` ×${c.count}` : ''}</span>`)
    .join('');
  const rows = r.partial_unexpected_index_list?.length
    ? `<br><span class="muted">rows ${r.partial_unexpected_index_list.join(', ')}</span>`
    : '';
  return `<tr class="${result.success ? 'pass' : 'fail'}">
<td>${result.success ? '✔ pass' : '✘ fail'}</td><td><code>${e(result.expectation_config.expectation_type)}</code><br><span class="muted">${e(result.reason)}</span></td>
<td>${e(String(columns))}</td><td>${argumentsOf(result)}</td><td>${observed}</td><td>${unexpected}</td>
<td class="samples">${samples}${rows}</td><td>${result.success ? '' : `<span class="badge c-${result.criticality}">${result.criticality}</span>`}</td></tr>`;
}

export function renderDataDocs(result: ValidationResult, links: { json: string }): string {
  const { meta, statistics } = result;
  const facts: [string, string][] = [
    [
      'Rows',
      `${number(meta.row_count)}: ${number(meta.good_row_count)} good, ${number(meta.bad_row_count)} bad`,
    ],
    [
      'Expectations',
      `${statistics.successful_expectations} of ${statistics.evaluated_expectations} passed (${percent(statistics.success_percent)})`,
    ],
    ['Suite', meta.expectation_suite_name],
    ['Run', meta.run_id],
    ['Validated at', meta.validation_time],
    ['Size', `${number(meta.bytes)} bytes, sha256 ${meta.content_sha256 ?? '—'}`],
  ];
  const ordered = [...result.results].sort((a, b) => (a.success === b.success ? 0 : a.success ? 1 : -1));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Data quality · ${e(meta.data_asset_name)}</title><style>${STYLE}</style></head>
<body>
<p class="muted">Contrail data-quality report</p>
<h1>${e(meta.data_asset_name)} <span class="badge c-${meta.criticality}">${e(meta.criticality)}</span></h1>
${meta.parse_error ? `<p class="notice">Not parseable as CSV: ${e(meta.parse_error)}. Every row counts as bad; the file went to bad-data unchanged.</p>` : ''}
<dl class="facts">${facts.map(([t, v]) => `<dt>${e(t)}</dt><dd>${e(v)}</dd>`).join('')}</dl>
${meta.criticality_reasons.length ? `<h2>Why ${e(meta.criticality)}</h2><ul>${meta.criticality_reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>` : ''}
<h2>Expectations (failed first)</h2>
<table><thead><tr><th>Status</th><th>Expectation</th><th>Column</th><th>Arguments</th><th>Observed</th><th>Unexpected</th><th>Sample unexpected values</th><th>Criticality</th></tr></thead>
<tbody>${ordered.map(row).join('\n')}</tbody></table>
<p class="muted">Machine-readable result (Great Expectations' shape): <a href="${e(links.json)}">${e(links.json)}</a></p>
</body></html>
`;
}
