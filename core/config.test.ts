import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.embeddedPostgres.enabled).toBe(true);
    expect(config.databaseUrl).toBe('postgresql://contrail:contrail@127.0.0.1:54320/contrail');
    expect(config.temporal.devServer.enabled).toBe(true);
    expect(config.temporal.address).toBe('127.0.0.1:7233');
    expect(config.api.url).toBe('http://127.0.0.1:8000');
    expect(config.dataDir).toBe(path.resolve('data'));
  });

  it('uses an external Postgres and Temporal when their addresses are given', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/x',
      TEMPORAL_ADDRESS: 'temporal:7233',
    });
    expect(config.embeddedPostgres.enabled).toBe(false);
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/x');
    expect(config.temporal.devServer.enabled).toBe(false);
    expect(config.temporal.address).toBe('temporal:7233');
  });

  it.each([
    ['API_PORT', 'abc', /^API_PORT: .*got "abc"/],
    ['WEBAPP_PORT', '70000', /^WEBAPP_PORT: .*65535/],
    ['DATABASE_URL', 'mysql://x', /^DATABASE_URL: a postgres:\/\/ or postgresql:\/\/ URL$/],
    ['TEMPORAL_ADDRESS', 'no-port', /^TEMPORAL_ADDRESS: host:port/],
    ['CONTRAIL_API_URL', 'not a url', /^CONTRAIL_API_URL: /],
    ['TEAMS_WEBHOOK_URL', 'ftp://x', /^TEAMS_WEBHOOK_URL: /],
    ['SMTP_URL', 'http://mail', /^SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL$/],
    ['ALERT_EMAIL_TO', 'ops@example.com, nobody', /^ALERT_EMAIL_TO: comma-separated e-mail addresses/],
    ['CONTRAIL_API_TOKEN', 'short', /^CONTRAIL_API_TOKEN: at least 16 characters$/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL: /],
    ['ALERT_CRITICALITIES', 'high,urgent', /^ALERT_CRITICALITIES: comma-separated criticalities/],
    ['ALERT_MAX_ATTEMPTS', '0', /^ALERT_MAX_ATTEMPTS: /],
  ])('names %s and what it expects when its value %j is bad', (name, value, expected) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('never echoes a secret in its error', () => {
    const [problem] = problemsOf({ CONTRAIL_API_TOKEN: 'hunter2' });
    expect(problem).not.toContain('hunter2');
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ API_PORT: 'x', WEBAPP_PORT: 'y' }).map((p) => p.split(':')[0])).toEqual([
      'API_PORT',
      'WEBAPP_PORT',
    ]);
  });

  it('reads a secret from the file named by <NAME>_FILE', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-config-')), 'token');
    fs.writeFileSync(file, 'a-token-of-sufficient-length\n');
    expect(loadConfig({ CONTRAIL_API_TOKEN_FILE: file }).api.token).toBe('a-token-of-sufficient-length');
    expect(problemsOf({ SMTP_URL_FILE: '/no/such/file' })[0]).toMatch(
      /^SMTP_URL_FILE: cannot read \/no\/such\/file \(ENOENT\)/,
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ TEAMS_WEBHOOK_URL: '', DATABASE_URL: '' }).embeddedPostgres.enabled).toBe(true);
  });

  it('splits the alert recipients', () => {
    expect(loadConfig({ ALERT_EMAIL_TO: 'a@example.com, b@example.com' }).alerts.emailTo).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
  });

  it('reads the trusted proxies as addresses, ranges or named ranges, and none by default', () => {
    expect(loadConfig({}).api.trustProxy).toEqual([]);
    expect(loadConfig({ API_TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1, 172.18.0.5' }).api.trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
      '172.18.0.5',
    ]);
    for (const bad of ['true', 'webapp', '10.0.0.0/33', '1.2.3.4/8/1'])
      expect(problemsOf({ API_TRUST_PROXY: bad })).toEqual([
        expect.stringMatching(/^API_TRUST_PROXY: .*CIDR ranges/),
      ]);
  });

  it('reads which criticalities alert, medium and high by default', () => {
    expect(loadConfig({}).alerts.notify).toEqual(['medium', 'high']);
    expect(loadConfig({ ALERT_CRITICALITIES: 'low, high' }).alerts.notify).toEqual(['low', 'high']);
    expect(loadConfig({ ALERT_CRITICALITIES: '' }).alerts.notify).toEqual(['medium', 'high']);
  });
});

describe('config defaults', () => {
  it('accepts its own default sender when given explicitly', () => {
    expect(loadConfig({ ALERT_EMAIL_FROM: 'contrail@localhost' }).alerts.emailFrom).toBe(
      'contrail@localhost',
    );
  });
});
