import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, waitFor } from '../cli/runtime/ports';

const CLI = path.resolve(__dirname, '../bin/contrail.cjs');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startContrail(env: NodeJS.ProcessEnv): Started {
  let output = '';
  const child = spawn(process.execPath, [CLI, 'up'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, exited };
}

async function health(
  apiPort: number,
): Promise<{ status: string; checks: Record<string, { ok: boolean }> } | undefined> {
  const res = await fetch(`http://127.0.0.1:${apiPort}/health`).catch(() => undefined);
  return res ? res.json() : undefined;
}

// Each test starts and stops the whole system; on a loaded 2-core machine that takes minutes.
jest.setTimeout(300_000);

describe('contrail up (npm start)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: Record<string, number>;
  let running: Started | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-up-'));
    fs.chmodSync(dataDir, 0o755);
    ports = {
      EMBEDDED_POSTGRES_PORT: await freePort(),
      TEMPORAL_DEV_PORT: await freePort(),
      TEMPORAL_UI_PORT: await freePort(),
      API_PORT: await freePort(),
      WEBAPP_PORT: await freePort(),
    };
    env = {
      CONTRAIL_DATA_DIR: dataDir,
      CONTRAIL_DEMO_DATA: 'false',
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    };
  });

  afterEach(async () => {
    // After a failed test: stop it as a person would (its children with it), then for good.
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGINT');
      const stopped = await Promise.race([
        running.exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 60_000)),
      ]);
      if (!stopped) {
        running.child.kill('SIGKILL');
        await running.exited;
      }
    }
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function upAndHealthy(): Promise<Started> {
    running = startContrail(env);
    await waitFor(
      'the API health endpoint with the database and Temporal up',
      async () => {
        const body = await health(ports.API_PORT!);
        // Degraded, not down, while no model is active (the model check is not critical).
        return (
          body !== undefined && body.status !== 'down' && body.checks.database!.ok && body.checks.temporal!.ok
        );
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const started = running;
    await waitFor('the URL block', async () => started.output().includes('Press Ctrl-C to stop.'), {
      timeoutMs: 30_000,
    });
    return started;
  }

  async function stopCleanly(started: Started): Promise<void> {
    started.child.kill('SIGINT');
    const code = await started.exited;
    expect({ code, output: started.output() }).toEqual({
      code: 0,
      output: expect.stringContaining('contrail: stopped.'),
    });
    // Every child is gone: no pid files left, and nothing listens on the ports any more.
    expect(fs.readdirSync(path.join(dataDir, 'logs')).filter((f) => f.endsWith('.pid'))).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  }

  it('serves health with the database and Temporal up, the Web UI, every URL, and stops cleanly', async () => {
    const started = await upAndHealthy();
    await waitFor('the URL block', async () => started.output().includes('Press Ctrl-C to stop.'), {
      timeoutMs: 30_000,
    });
    const out = started.output();
    for (const name of ['API_PORT', 'WEBAPP_PORT', 'TEMPORAL_UI_PORT'])
      expect(out).toContain(`:${ports[name]}`);
    expect(out).toContain('/docs');
    // No demo data here, so no model to train: start-up says how to get one.
    await waitFor('the model notice', async () => started.output().includes('no active model'), {
      timeoutMs: 30_000,
    });
    expect((await fetch(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.WEBAPP_PORT}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.API_PORT}/openapi.json`)).status).toBe(200);

    const db = new pg.Client({
      connectionString: `postgresql://contrail:contrail@127.0.0.1:${ports.EMBEDDED_POSTGRES_PORT}/contrail`,
    });
    await db.connect();
    await db.query(`INSERT INTO models (id, model_type, params, feature_hash, train_from, train_to, metrics, status, artifact_path)
      VALUES ('kept-across-restarts', 't', '{}', 'h', now(), now(), '{}', 'candidate', 'x')`);
    await db.end();
    await stopCleanly(started);
  });

  it('reuses the data on a second start', async () => {
    const started = await upAndHealthy();
    expect(started.output()).toMatch(/database migrated \(0 applied, \d+ already there\)/);
    const db = new pg.Client({
      connectionString: `postgresql://contrail:contrail@127.0.0.1:${ports.EMBEDDED_POSTGRES_PORT}/contrail`,
    });
    await db.connect();
    const { rowCount } = await db.query(`SELECT 1 FROM models WHERE id = 'kept-across-restarts'`);
    await db.end();
    expect(rowCount).toBe(1);
    await stopCleanly(started);
  });

  it('stops what it started when interrupted during start-up', async () => {
    running = startContrail(env);
    const started = running;
    await waitFor(
      'Postgres to start',
      async () => started.output().includes('starting the Temporal dev server'),
      {
        timeoutMs: 60_000,
      },
    );
    await stopCleanly(started);
  });

  it('says which port is taken instead of printing a stack trace', async () => {
    const blocker = net.createServer().listen(ports.API_PORT, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      running = startContrail(env);
      expect(await running.exited).toBe(1);
      expect(running.output()).toContain(`contrail: port ${ports.API_PORT} is already in use (API_PORT)`);
      expect(running.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
