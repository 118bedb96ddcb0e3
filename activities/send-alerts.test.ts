import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { TEAMS_MAX_BYTES } from '../core/alerts';
import { corruptedFile } from '../tests/support/flight-files';
import { emptyFolders, useIngestionHarness } from '../tests/support/ingestion';
import { startSmtpReceiver } from '../tests/support/smtp-receiver';
import { cardText, startTeamsReceiver } from '../tests/support/teams-receiver';
import { readData } from './read-data';
import { sendAlerts } from './send-alerts';
import { sendRunFailureAlert } from './send-run-failure-alert';
import { validateData } from './validate-data';

const harness = useIngestionHarness();

/** Claims and validates one raw file; returns the upstream outputs send-alerts needs. */
async function validated(runId: string) {
  const { context } = harness();
  const read = (await readData(context(runId, 'read-data'))).output!;
  const validation = (await validateData(context(runId, 'validate-data', { 'read-data': read }))).output!;
  return { 'read-data': read, 'validate-data': validation };
}

/** A loopback port nothing listens on: an SMTP server that is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const alertRows = async (runId: string) =>
  (
    await harness().db.pool.query(
      'SELECT kind, channel, status, attempts, criticality, link, error FROM alerts WHERE run_id = $1 ORDER BY channel',
      [runId],
    )
  ).rows;

describe('send-alerts', () => {
  beforeEach(() => emptyFolders(harness().paths));
  afterEach(() => harness().configure());

  it('writes the report, then sends a Teams card (429 retried) and an e-mail, both with the report link', async () => {
    const teams = await startTeamsReceiver([{ status: 429, headers: { 'Retry-After': '1' } }]);
    const smtp = await startSmtpReceiver();
    try {
      harness().configure({
        TEAMS_WEBHOOK_URL: teams.url,
        SMTP_URL: smtp.url,
        ALERT_EMAIL_TO: 'data-ops@example.com',
        ALERT_CRITICALITIES: 'low,medium,high',
      });
      const { manifest } = corruptedFile(harness().paths.rawData, 'alerting.csv', ['missing_column']);
      const upstream = await validated('run-alerting');
      const { output } = await sendAlerts(harness().context('run-alerting', 'send-alerts', upstream));
      const reportUrl = `https://contrail.example.com/api/reports/${upstream['validate-data'].reportId}`;
      expect(output).toMatchObject({ reportUrl, notified: true });

      expect(teams.posts).toHaveLength(2);
      const card = cardText(teams.posts[1]!);
      expect(card.text).toContain('HIGH');
      expect(card.text).toContain(`column ${manifest.errors[0]!.column} is missing`);
      expect(card.urls).toEqual([reportUrl]);
      expect(teams.posts[1]!.bytes).toBeLessThanOrEqual(TEAMS_MAX_BYTES);

      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]!.to).toEqual(['data-ops@example.com']);
      expect(smtp.mails[0]!.text).toContain(reportUrl);
      expect(smtp.mails[0]!.text).toContain('Subject: [Contrail] HIGH: data-quality issues in alerting.csv');

      expect(await alertRows('run-alerting')).toEqual([
        {
          kind: 'data_quality',
          channel: 'email',
          status: 'sent',
          attempts: 1,
          criticality: 'high',
          link: reportUrl,
          error: null,
        },
        {
          kind: 'data_quality',
          channel: 'teams',
          status: 'sent',
          attempts: 2,
          criticality: 'high',
          link: reportUrl,
          error: null,
        },
      ]);
      const html = fs.readFileSync(
        path.join(harness().paths.reports, `${upstream['validate-data'].reportId}.html`),
        'utf8',
      );
      expect(html).toContain('expect_column_to_exist');

      // A retried task does not send again.
      const again = await sendAlerts(harness().context('run-alerting', 'send-alerts', upstream));
      expect(again.output!.deliveries.every((d) => d.alreadySent)).toBe(true);
      expect([teams.posts.length, smtp.mails.length]).toEqual([2, 1]);
    } finally {
      await Promise.all([teams.stop(), smtp.stop()]);
    }
  });

  it('records an alert nobody can receive, after its bounded attempts, and does not fail', async () => {
    const teams = await startTeamsReceiver(Array.from({ length: 10 }, () => ({ status: 503 })));
    try {
      harness().configure({
        TEAMS_WEBHOOK_URL: teams.url,
        SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
        ALERT_EMAIL_TO: 'data-ops@example.com',
        ALERT_MAX_ATTEMPTS: '2',
      });
      corruptedFile(harness().paths.rawData, 'unheard.csv', ['empty_file']);
      const upstream = await validated('run-unheard');
      const { output } = await sendAlerts(harness().context('run-unheard', 'send-alerts', upstream));
      expect(output!.deliveries.map((d) => [d.channel, d.status, d.attempts]).sort()).toEqual([
        ['email', 'failed', 2],
        ['teams', 'failed', 2],
      ]);
      const rows = await alertRows('run-unheard');
      expect(rows.map((r) => [r.channel, r.status, r.attempts])).toEqual([
        ['email', 'failed', 2],
        ['teams', 'failed', 2],
      ]);
      expect(rows[0].error).toMatch(/SMTP: .*ECONNREFUSED/);
      expect(rows[1].error).toBe('Teams answered 503 Service Unavailable');
      expect(teams.posts).toHaveLength(2);
    } finally {
      await teams.stop();
    }
  });

  it('only writes the report when the criticality is not one that alerts', async () => {
    const teams = await startTeamsReceiver();
    try {
      harness().configure({ TEAMS_WEBHOOK_URL: teams.url, ALERT_CRITICALITIES: 'high' });
      corruptedFile(harness().paths.rawData, 'minor.csv', ['unknown_category']);
      const upstream = await validated('run-minor');
      expect(upstream['validate-data'].criticality).toBe('low');
      const { output } = await sendAlerts(harness().context('run-minor', 'send-alerts', upstream));
      expect(output).toMatchObject({ notified: false, deliveries: [] });
      expect(teams.posts).toHaveLength(0);
      expect(
        fs.existsSync(path.join(harness().paths.reports, `${upstream['validate-data'].reportId}.html`)),
      ).toBe(true);
    } finally {
      await teams.stop();
    }
  });
});

describe('sendRunFailureAlert', () => {
  it('tells Teams and e-mail which DAG and task failed, with the error and a link to the run', async () => {
    const teams = await startTeamsReceiver();
    const smtp = await startSmtpReceiver();
    try {
      harness().configure({
        TEAMS_WEBHOOK_URL: teams.url,
        SMTP_URL: smtp.url,
        ALERT_EMAIL_TO: 'oncall@example.com',
      });
      const failure = {
        dagId: 'ingestion',
        runId: 'ingestion__2026-11-29T00:00:00.000Z',
        temporalRunId: '0196f0a2-run',
        taskId: 'save-statistics',
        error: 'connect ECONNREFUSED 127.0.0.1:5432',
      };
      const { uiUrl, namespace } = harness().config.temporal;
      const runUrl = `${uiUrl}/namespaces/${namespace}/workflows/ingestion__2026-11-29T00%3A00%3A00.000Z/0196f0a2-run/history`;
      const outcomes = await sendRunFailureAlert(failure);
      expect(outcomes.map((o) => o.status)).toEqual(['sent', 'sent']);
      const card = cardText(teams.posts[0]!);
      for (const part of ['ingestion', 'save-statistics', 'ECONNREFUSED']) expect(card.text).toContain(part);
      expect(card.urls).toEqual([runUrl]);
      expect(smtp.mails[0]!.text).toContain(runUrl);
      expect(await sendRunFailureAlert(failure)).toMatchObject([
        { alreadySent: true },
        { alreadySent: true },
      ]);
      expect(teams.posts).toHaveLength(1);
    } finally {
      await Promise.all([teams.stop(), smtp.stop()]);
      harness().configure();
    }
  });
});
