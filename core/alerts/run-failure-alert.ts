import { clip, fact, fitCard } from './adaptive-card';
import type { EmailMessage } from './email';
import { escapeHtml } from './escape-html';
import type { AdaptiveCard } from './teams';

export interface RunFailure {
  dagId: string;
  runId: string;
  /** The task that failed for good (absent when the run failed outside a task). */
  taskId?: string;
  error: string;
  /** The run in the Temporal Web UI. */
  runUrl: string;
}

/** What a failed-run alert says, on every channel. */
export function runFailureAlert(failure: RunFailure): {
  subject: string;
  card: AdaptiveCard;
  email: EmailMessage;
} {
  const task = failure.taskId ?? '(none: the run itself)';
  const subject = `[Contrail] DAG ${failure.dagId} failed${failure.taskId ? ` at ${failure.taskId}` : ''}`;
  const facts = [fact('DAG', failure.dagId), fact('Failed task', task), fact('Run', failure.runId)];
  const card = fitCard({
    title: `DAG run failed: ${failure.dagId}`,
    tone: 'high',
    facts,
    listTitle: 'Error',
    lines: [clip(failure.error, 4000)],
    action: { title: 'Open the run in Temporal', url: failure.runUrl },
  });
  const text = [
    subject,
    '',
    `DAG: ${failure.dagId}`,
    `Failed task: ${task}`,
    `Run: ${failure.runId}`,
    '',
    'Error:',
    failure.error,
    '',
    `Run in Temporal: ${failure.runUrl}`,
  ].join('\n');
  const html = `<h2>${escapeHtml(subject)}</h2>
<table>${facts.map((f) => `<tr><th align="left">${escapeHtml(f.title)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('')}</table>
<h3>Error</h3><pre>${escapeHtml(failure.error)}</pre>
<p><a href="${escapeHtml(failure.runUrl)}">Open the run in Temporal</a></p>`;
  return { subject, card, email: { subject, text, html } };
}
