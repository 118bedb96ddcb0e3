import type { ExpectationValidationResult, ValidationResult } from '../validation/types';
import { type CardContent, clip, fact, fitCard } from './adaptive-card';
import type { EmailMessage } from './email';
import { escapeHtml } from './escape-html';
import type { AdaptiveCard } from './teams';

const number = (n: number) => n.toLocaleString('en-US');
const percent = (part: number, whole: number) =>
  whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(2)}%`;

function target(result: ExpectationValidationResult): string {
  const { kwargs } = result.expectation_config;
  const on = kwargs.column ?? (Array.isArray(kwargs.column_list) ? kwargs.column_list.join(', ') : undefined);
  return `${result.expectation_config.expectation_type}${on === undefined ? '' : ` (${String(on)})`}`;
}

/** One failed expectation in a line: what, how many, a few of the values. */
export function failureLine(result: ExpectationValidationResult): string {
  const r = result.result;
  if (result.exception_info.raised_exception)
    return `${target(result)}: ${result.exception_info.exception_message}`;
  if (r.unexpected_count === undefined)
    return `${target(result)}: observed ${clip(JSON.stringify(r.observed_value), 120)}`;
  const samples = (r.partial_unexpected_counts ?? [])
    .slice(0, 3)
    .map((c) => clip(JSON.stringify(c.value), 40))
    .join(', ');
  return `${target(result)}: ${number(r.unexpected_count)} unexpected (${percent(r.unexpected_count, r.element_count)})${samples ? `, e.g. ${samples}` : ''}`;
}

/** What a data-quality alert says, on every channel. */
export function dataQualityAlert(
  result: ValidationResult,
  reportUrl: string,
): { subject: string; card: AdaptiveCard; email: EmailMessage } {
  const { meta } = result;
  const failed = result.results.filter((r) => !r.success);
  const subject = `[Contrail] ${meta.criticality.toUpperCase()}: data-quality issues in ${meta.data_asset_name}`;
  const rows = `${number(meta.row_count)} (${number(meta.bad_row_count)} bad, ${percent(meta.bad_row_count, meta.row_count)})`;
  const facts = [
    fact('Criticality', meta.criticality),
    fact('File', meta.data_asset_name),
    fact('Rows', rows),
    fact('Expectations', `${failed.length} of ${result.results.length} failed`),
    ...(meta.parse_error ? [fact('Not CSV', meta.parse_error)] : []),
    fact('Why', meta.criticality_reasons[0] ?? 'no rule matched'),
    fact('Run', meta.run_id),
  ];
  const content: CardContent = {
    title: `${meta.criticality.toUpperCase()} · data-quality issues in ${meta.data_asset_name}`,
    tone: meta.criticality,
    facts,
    listTitle: 'Failed expectations',
    lines: failed.map(failureLine),
    action: { title: 'Open the report', url: reportUrl },
  };
  const text = [
    subject,
    '',
    ...facts.map((f) => `${f.title}: ${f.value}`),
    '',
    'Failed expectations:',
    ...failed.map((r) => `- ${failureLine(r)}`),
    '',
    `Report: ${reportUrl}`,
  ].join('\n');
  const html = `<h2>${escapeHtml(content.title)}</h2>
<table>${facts.map((f) => `<tr><th align="left">${escapeHtml(f.title)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('')}</table>
<h3>Failed expectations</h3>
<ul>${failed.map((r) => `<li>${escapeHtml(failureLine(r))}</li>`).join('')}</ul>
<p><a href="${escapeHtml(reportUrl)}">Open the report</a> (${escapeHtml(reportUrl)})</p>`;
  return { subject, card: fitCard(content), email: { subject, text, html } };
}
