import fs from 'node:fs/promises';
import path from 'node:path';
import { type ChannelOutcome, dataQualityAlert, deliverAlert, reportLinkOf } from '../core/alerts';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { writeFileAtomic } from '../core/files/atomic';
import { dataPaths } from '../core/paths';
import { renderDataDocs } from '../core/reports/data-docs';
import { readValidationResult } from '../core/validation';
import { activityDeps } from './deps';
import { upstreamOutput, type ValidateDataOutput } from './ingestion-files';

export interface SendAlertsOutput {
  reportUrl: string;
  /** Whether the file's criticality is one that alerts (ALERT_CRITICALITIES). */
  notified: boolean;
  deliveries: ChannelOutcome[];
}

/**
 * Task `send-alerts`: writes the file's HTML data-quality report to reports/ (always), and when its
 * criticality is one that alerts, sends a Teams card and an e-mail with the summary and the
 * report's link. Delivery is retried a bounded number of times and recorded in `alerts`; an alert
 * that cannot be delivered is on record and never fails the task, let alone the split beside it.
 */
export async function sendAlerts(context: TaskContext): Promise<TaskResult<SendAlertsOutput>> {
  const { config, db } = activityDeps();
  const validated = upstreamOutput<ValidateDataOutput>(context, 'validate-data', 'resultPath');
  const result = await readValidationResult(validated.resultPath);
  const reports = dataPaths(config.dataDir).reports;
  await fs.mkdir(reports, { recursive: true });
  const reportUrl = reportLinkOf(config.webapp.url, validated.reportId);
  // Relative, so it works wherever the page is served: /reports/<id> (API) or /api/reports/<id> (web app).
  const html = renderDataDocs(result, { json: `${encodeURIComponent(validated.reportId)}.json` });
  await writeFileAtomic(path.join(reports, `${validated.reportId}.html`), html);

  const criticality = result.meta.criticality;
  const notified = criticality !== 'none' && config.alerts.notify.includes(criticality);
  if (!notified) return { output: { reportUrl, notified, deliveries: [] } };
  const message = dataQualityAlert(result, reportUrl);
  const deliveries = await deliverAlert(db.pool, config, {
    runId: context.runId,
    kind: 'data_quality',
    criticality,
    subject: message.subject,
    link: reportUrl,
    card: message.card,
    email: message.email,
  });
  return { output: { reportUrl, notified, deliveries } };
}
