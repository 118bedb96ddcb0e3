import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { temporalConnectionOptions } from './connect';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-tls-config-'));
const file = (name: string, content: string) => {
  fs.writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
};
const cert = file('client.pem', 'CERT');
const key = file('client.key', 'KEY');
const ca = file('ca.pem', 'CA');
const address = 'temporal.example.com:7233';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('Temporal TLS and API key configuration', () => {
  it('connects in plain text to the dev server or a cluster when nothing is set', () => {
    expect(temporalConnectionOptions(loadConfig({}))).toEqual({ address: '127.0.0.1:7233' });
    expect(temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: address }))).toEqual({ address });
  });

  it('passes an API key, read from a file too, and leaves TLS to the SDK (on with a key)', () => {
    const keyFile = file('api-key', 'secret-key\n');
    expect(
      temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: address, TEMPORAL_API_KEY_FILE: keyFile })),
    ).toEqual({
      address,
      apiKey: 'secret-key',
    });
    expect(
      temporalConnectionOptions(
        loadConfig({ TEMPORAL_ADDRESS: address, TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }),
      ),
    ).toEqual({ address, apiKey: 'k', tls: false });
  });

  it('reads the mTLS certificate, key, CA and server name', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TLS_CERT_FILE: cert,
      TEMPORAL_TLS_KEY_FILE: key,
      TEMPORAL_TLS_CA_FILE: ca,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(temporalConnectionOptions(config)).toEqual({
      address,
      tls: {
        clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') },
        serverRootCACertificate: Buffer.from('CA'),
        serverNameOverride: 'temporal.internal',
      },
    });
    expect(loadConfig({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS: 'true' }).temporal.tls).toBe(true);
  });

  it.each([
    [{ TEMPORAL_TLS_CERT_FILE: cert }, /^TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE: mTLS needs both/],
    [{ TEMPORAL_TLS_KEY_FILE: key }, /^TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE: mTLS needs both/],
    [{ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA_FILE: ca }, /^TEMPORAL_TLS: is false, but TLS certificates/],
    [
      { TEMPORAL_TLS_CA_FILE: '/no/such/ca.pem' },
      /^TEMPORAL_TLS_CA_FILE: cannot read \/no\/such\/ca\.pem \(ENOENT\)$/,
    ],
    [{ TEMPORAL_TLS: 'maybe' }, /^TEMPORAL_TLS: /],
  ])('names the variable when %j is wrong', (env, expected) => {
    const problems = problemsOf({ TEMPORAL_ADDRESS: address, ...env });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('refuses TLS or an API key without TEMPORAL_ADDRESS (the dev server has neither), without echoing the key', () => {
    const [problem] = problemsOf({ TEMPORAL_API_KEY: 'do-not-print-me' });
    expect(problem).toMatch(/^TEMPORAL_ADDRESS: required with TLS or an API key/);
    expect(problem).not.toContain('do-not-print-me');
  });
});
