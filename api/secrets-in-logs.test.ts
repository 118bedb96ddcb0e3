import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { startTestApi, type TestApi } from '../tests/support/api';

const TOKEN = 'log-test-token-7f3a9c1e5b';
const SMTP_PASSWORD = 'Sm7p/Pa55:word';
// A closed port: every delivery fails, and the failure is what would be logged.
const SMTP_URL = `smtp://alerts:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:9/`;
const TEAMS_URL = 'http://127.0.0.1:9/workflows/abc/triggers/manual/paths/invoke?sig=TeamsSignature0123';
const SECRETS = [TOKEN, SMTP_PASSWORD, encodeURIComponent(SMTP_PASSWORD), 'TeamsSignature0123'];

/** Everything the process writes to stdout and stderr while `act` runs. */
async function captureOutput(act: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write.bind(stream);
    return jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return write(chunk, ...rest);
    }) as typeof stream.write);
  });
  try {
    await act();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return chunks.join('');
}

describe('secrets in logs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-secrets-'));
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dir, {
      token: TOKEN,
      logLevel: 'debug',
      env: { SMTP_URL, TEAMS_WEBHOOK_URL: TEAMS_URL, ALERT_EMAIL_TO: 'ops@example.com' },
    });
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('never shows the API token, the SMTP password or the Teams signature, whatever is logged', async () => {
    const output = await captureOutput(async () => {
      const attempts: Record<string, string>[] = [
        { authorization: `Bearer ${TOKEN}` },
        { authorization: `Bearer ${TOKEN}x` },
        {},
      ];
      for (const headers of attempts) {
        await (await api.request('GET', '/past-predictions', undefined, headers)).arrayBuffer();
        await (await api.request('POST', '/predict', '{"rows": [', headers)).arrayBuffer();
      }
      // What a careless log line would print: the whole configuration, and an error quoting a URL.
      const config = loadConfig({ CONTRAIL_API_TOKEN: TOKEN, SMTP_URL, TEAMS_WEBHOOK_URL: TEAMS_URL });
      const log = createLogger('careless', 'debug');
      log.info('configuration', { config });
      log.error(`cannot connect to ${SMTP_URL}`, { error: new Error(`auth failed for ${TOKEN}`) });
      log.warn(`posting to ${TEAMS_URL} failed`, { header: `Bearer ${TOKEN}` });
    });
    expect(output).toContain('[careless] configuration');
    expect(output).toContain('***');
    for (const secret of SECRETS) expect(output).not.toContain(secret);
  });
});
