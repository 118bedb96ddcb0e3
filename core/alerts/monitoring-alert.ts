import { fact, fitCard } from './adaptive-card';
import type { EmailMessage } from './email';
import { escapeHtml } from './escape-html';
import type { AdaptiveCard } from './teams';

/** The alert rules of monitoring_alert_rules(at), in words. */
export const RULE_TITLES: Record<string, string> = {
  all_data_invalid: 'All data ingested in the last 10 minutes is invalid',
  model_output_broken: "The model's output is constant, NaN or absent",
  drift_red: 'Serving data or predictions drifted from the training data',
  no_recent_ingestion: 'No file ingested for 5 minutes',
};

export interface RuleChange {
  rule: string;
  /** fired: an episode starts; resolved: it ends. */
  change: 'fired' | 'resolved';
  episode: number;
  /** When the episode started. */
  since: Date;
  value: number | null;
  detail: string;
  /** Where to look: the monitoring endpoint (or dashboard) of the rule. */
  link: string;
}

/** What a monitoring alert says, on every channel: once when a rule fires, once when it resolves. */
export function monitoringAlert(change: RuleChange): {
  subject: string;
  card: AdaptiveCard;
  email: EmailMessage;
} {
  const title = RULE_TITLES[change.rule] ?? change.rule;
  const subject = `[Contrail] ${change.change === 'fired' ? 'FIRING' : 'RESOLVED'}: ${title}`;
  const facts = [
    fact('Rule', change.rule),
    fact('State', change.change === 'fired' ? 'firing' : 'resolved'),
    fact(change.change === 'fired' ? 'Since' : 'Fired at', change.since.toISOString()),
    fact('Episode', String(change.episode)),
    fact('Now', change.detail),
  ];
  const card = fitCard({
    title: subject.replace('[Contrail] ', ''),
    tone: change.change === 'fired' ? 'high' : 'none',
    facts,
    lines: [],
    action: { title: 'Open the figures', url: change.link },
  });
  const text = [subject, '', ...facts.map((f) => `${f.title}: ${f.value}`), '', change.link].join('\n');
  const html = `<h2>${escapeHtml(subject)}</h2>
<table>${facts.map((f) => `<tr><th align="left">${escapeHtml(f.title)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('')}</table>
<p><a href="${escapeHtml(change.link)}">Open the figures</a></p>`;
  return { subject, card, email: { subject, text, html } };
}
