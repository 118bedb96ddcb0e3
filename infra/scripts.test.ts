import { execFile, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { loadConfig } from '../core/config';
import { adminUrl, createTestDatabase, type TestDatabase } from '../tests/support/database';
import { INFRA_DIR } from './support/compose-file';

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

describe('init-secrets.sh', () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-init-secrets-')), 'secrets');
  const run = () => spawnSync('sh', [path.join(INFRA_DIR, 'init-secrets.sh'), dir], { encoding: 'utf8' });
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('creates secrets Contrail accepts, the database URL carrying the Postgres password', () => {
    expect(run().status).toBe(0);
    expect(read('database_url')).toBe(
      `postgresql://contrail:${read('postgres_password')}@postgres:5432/contrail`,
    );
    const config = loadConfig({
      DATABASE_URL_FILE: path.join(dir, 'database_url'),
      CONTRAIL_API_TOKEN_FILE: path.join(dir, 'contrail_api_token'),
      TEAMS_WEBHOOK_URL_FILE: path.join(dir, 'teams_webhook_url'),
      SMTP_URL_FILE: path.join(dir, 'smtp_url'),
      TEMPORAL_API_KEY_FILE: path.join(dir, 'temporal_api_key'),
      TEMPORAL_ADDRESS: 'temporal:7233',
    });
    expect(config.embeddedPostgres.enabled).toBe(false);
    expect(config.api.token).toMatch(/^[0-9a-f]{48}$/);
    // Empty files mean "not used".
    expect([config.alerts.teamsWebhookUrl, config.alerts.smtpUrl, config.temporal.apiKey]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('never overwrites a secret, and keeps the folder private but the files readable by containers', () => {
    fs.writeFileSync(path.join(dir, 'smtp_url'), 'smtp://mail.example.com:25');
    const token = read('contrail_api_token');
    const second = run();
    expect(second.stdout).toContain(`kept    ${dir}/smtp_url`);
    expect(read('smtp_url')).toBe('smtp://mail.example.com:25');
    expect(read('contrail_api_token')).toBe(token);
    expect(mode(dir)).toBe('700');
    expect(mode(path.join(dir, 'temporal-tls'))).toBe('755');
    expect(mode(path.join(dir, 'database_url'))).toBe('644');
  });
});

describe('postgres/init/10-grafana-reader.sh', () => {
  let database: TestDatabase;
  const role = `grafana_test_${crypto.randomBytes(4).toString('hex')}`;
  const password = crypto.randomBytes(12).toString('hex');
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it('creates a role that reads every table and can write none', async () => {
    const url = new URL(database.url);
    const result = spawnSync('sh', [path.join(INFRA_DIR, 'postgres/init/10-grafana-reader.sh')], {
      encoding: 'utf8',
      env: {
        ...process.env,
        // What the postgres image's entrypoint provides, pointed at the test server.
        PGHOST: url.hostname,
        PGPORT: url.port,
        PGPASSWORD: decodeURIComponent(url.password),
        POSTGRES_USER: decodeURIComponent(url.username),
        POSTGRES_DB: database.name,
        GRAFANA_DB_USER: role,
        GRAFANA_DB_PASSWORD: password,
      },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);

    await database.pool.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'y', 'z')`,
    );
    const reader = new pg.Client({
      connectionString: `postgresql://${role}:${password}@${url.host}/${database.name}`,
    });
    await reader.connect();
    try {
      const { rows } = await reader.query(`SELECT migration_name FROM "_prisma_migrations" WHERE id = 'x'`);
      expect(rows).toEqual([{ migration_name: 'z' }]);
      await expect(reader.query(`DELETE FROM "_prisma_migrations"`)).rejects.toThrow(/permission denied/);
    } finally {
      await reader.end();
    }
  });
});

describe('docker/healthcheck.cjs', () => {
  // Asynchronous: the HTTP server under test runs in this process and must keep answering.
  const probe = (kind: string, env: NodeJS.ProcessEnv) =>
    new Promise<{ status: number; stderr: string }>((resolve) => {
      const script = path.join(INFRA_DIR, 'docker/healthcheck.cjs');
      execFile(
        process.execPath,
        [script, kind],
        { env: { PATH: process.env.PATH, ...env } },
        (error, _out, stderr) => resolve({ status: error ? Number(error.code) : 0, stderr }),
      );
    });
  let status = 200;
  const server = http.createServer((req, res) =>
    res.writeHead(req.url === '/health' || req.url === '/' ? status : 404).end(),
  );
  let port = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = String((server.address() as AddressInfo).port);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes while the API and the web app answer 2xx, and fails when they do not', async () => {
    status = 200;
    expect((await probe('api', { API_PORT: port })).status).toBe(0);
    expect((await probe('webapp', { WEBAPP_PORT: port })).status).toBe(0);
    status = 503;
    const down = await probe('api', { API_PORT: port });
    expect(down.status).toBe(1);
    expect(down.stderr).toContain(`unhealthy: http://127.0.0.1:${port}/health answered 503`);
  });

  it('fails clearly when nothing listens or a variable is missing, and rejects an unknown probe', async () => {
    expect((await probe('api', { API_PORT: '1' })).status).toBe(1);
    expect((await probe('worker', {})).stderr).toContain('unhealthy: WORKER_HEALTH_FILE is not set');
    expect((await probe('database', {})).status).toBe(2);
  });

  it('passes for a worker whose health file is fresh and RUNNING, and fails otherwise', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-health-')), 'worker.json');
    const write = (state: string, ageMs: number) =>
      fs.writeFileSync(file, JSON.stringify({ state, at: new Date(Date.now() - ageMs).toISOString() }));
    write('RUNNING', 1_000);
    expect((await probe('worker', { WORKER_HEALTH_FILE: file })).status).toBe(0);
    write('RUNNING', 120_000);
    // The probe's own start-up adds a second or more on a loaded machine.
    expect((await probe('worker', { WORKER_HEALTH_FILE: file })).stderr).toMatch(
      /health file is 1[2-9]\d s old/,
    );
    write('DRAINING', 0);
    expect((await probe('worker', { WORKER_HEALTH_FILE: file })).stderr).toContain(
      'worker state is DRAINING',
    );
    fs.rmSync(file);
    expect((await probe('worker', { WORKER_HEALTH_FILE: file })).status).toBe(1);
  });
});

describe('temporal/create-namespace.sh', () => {
  // The script runs the `temporal` CLI, as in the admin-tools image; here, the one the tests use.
  const cli = process.env.TEMPORAL_CLI_PATH;
  const PATH = cli ? `${path.dirname(cli)}${path.delimiter}${process.env.PATH}` : process.env.PATH;
  const namespace = `contrail-ns-${crypto.randomBytes(4).toString('hex')}`;
  const run = () =>
    new Promise<{ status: number; stdout: string }>((resolve) =>
      execFile(
        'sh',
        [path.join(INFRA_DIR, 'temporal/create-namespace.sh')],
        {
          env: {
            PATH,
            TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
            TEMPORAL_NAMESPACE: namespace,
            TEMPORAL_NAMESPACE_RETENTION: '72h',
          },
        },
        (error, stdout) => resolve({ status: error ? Number(error.code) : 0, stdout }),
      ),
    );

  it('registers the namespace with its retention once, and leaves it alone after', async () => {
    expect((await run()).status).toBe(0);
    const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    try {
      const described = await connection.workflowService.describeNamespace({ namespace });
      expect(Number(described.config?.workflowExecutionRetentionTtl?.seconds)).toBe(72 * 3600);
    } finally {
      await connection.close();
    }
    const again = await run();
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`namespace ${namespace} exists`);
  });
});
