import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_ROWS_PER_REQUEST } from './predict-schemas';
import { activateTinyModel } from '../tests/support/active-tiny-model';
import { startTestApi, type TestApi } from '../tests/support/api';

const row = { flight_id: 7, date: '2001-04-01 07:15', origin: 'ATL', destination: 'FLL', distance: 581 };
const JSON_TYPE = { 'content-type': 'application/json' };

describe('the API under bad input: a 4xx with a clear message, never a 500', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-bad-input-'));
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(dir);
    await activateTinyModel(api, dir);
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = JSON_TYPE) =>
    fetch(`${api.url}/predict`, { method: 'POST', headers, body });

  async function expectError(response: Response, status: number, code: string, message: RegExp) {
    const body = await response.json();
    expect({ status: response.status, code: body.error?.code }).toEqual({ status, code });
    expect(body.error.message).toMatch(message);
  }

  it.each([
    ['truncated JSON', '{"source":"webapp","rows":[', /not valid JSON/],
    ['a trailing comma', '{"source":"webapp",}', /not valid JSON/],
    ['a bare string', '"predict this"', /not valid JSON/],
    ['single quotes', "{'source':'webapp'}", /not valid JSON/],
    ['NaN', '{"source":"webapp","rows":[{"distance":NaN}]}', /not valid JSON/],
  ])('malformed JSON (%s): 400 invalid_json', async (_name, body, message) => {
    await expectError(await post(body), 400, 'invalid_json', message);
  });

  it.each([
    ['text/plain', 'source=webapp'],
    ['application/x-www-form-urlencoded', 'source=webapp&rows=1'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
    ['application/xml', '<predict/>'],
    ['application/octet-stream', JSON.stringify({ source: 'webapp', rows: [row] })],
  ])('a %s body: 415 naming the type', async (type, body) => {
    await expectError(
      await post(body, { 'content-type': type }),
      415,
      'unsupported_media_type',
      /must be JSON/,
    );
  });

  it('a body without a content type: 415', async () => {
    const response = await post(
      new TextEncoder().encode(JSON.stringify({ source: 'webapp', rows: [row] })),
      {},
    );
    await expectError(response, 415, 'unsupported_media_type', /no Content-Type/);
  });

  it('an unsupported charset or content encoding: 415', async () => {
    const body = JSON.stringify({ source: 'webapp', rows: [row] });
    await expectError(
      await post(body, { 'content-type': 'application/json; charset=latin1' }),
      415,
      'unsupported_media_type',
      /charset/,
    );
    await expectError(
      await post(body, { ...JSON_TYPE, 'content-encoding': 'compress' }),
      415,
      'unsupported_media_type',
      /encoding/,
    );
  });

  it('a body over the limit (32 MB): 413 naming the limit', async () => {
    const big = JSON.stringify({
      source: 'webapp',
      rows: [{ ...row, origin: 'A'.repeat(33 * 1024 * 1024) }],
    });
    await expectError(await post(big), 413, 'payload_too_large', /larger than the limit of \d+ bytes/);
  });

  it('__proto__ and constructor keys are refused by name and pollute nothing', async () => {
    const envelope = '{"source":"webapp","rows":[{}],"__proto__":{"polluted":true}}';
    await expectError(await post(envelope), 400, 'invalid_request', /PredictRequest/);
    const rows = `[${JSON.stringify(row)},{"__proto__":{"polluted":true},"date":"2001-04-01 07:15"},{"constructor":{"prototype":{"polluted":true}}}]`;
    const response = await post(`{"source":"webapp","rows":${rows}}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ predicted: 1, rejected: 2 });
    expect(body.results[1].error.issues).toContainEqual(expect.objectContaining({ field: '__proto__' }));
    expect(body.results[2].error.issues).toContainEqual(expect.objectContaining({ field: 'constructor' }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it(`${MAX_ROWS_PER_REQUEST.toLocaleString('en')} rows are predicted and stored; one more is 400 saying the limit`, async () => {
    const rows = Array.from({ length: MAX_ROWS_PER_REQUEST }, (_, i) => ({ ...row, flight_id: i }));
    const ok = await post(JSON.stringify({ source: 'scheduled', rows }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ predicted: MAX_ROWS_PER_REQUEST, rejected: 0 });
    rows.push(row);
    const response = await post(JSON.stringify({ source: 'scheduled', rows }));
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(JSON.stringify(body.error.details)).toMatch(/at most 100,000 rows/);
  }, 120_000);

  it('huge strings: a refused row inside the limit, a 400 for the envelope', async () => {
    const hugeRow = { ...row, origin: 'Z'.repeat(5_000_000), flight_id: 'x'.repeat(100_000) };
    const response = await post(JSON.stringify({ source: 'webapp', rows: [hugeRow, row] }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ predicted: 1, rejected: 1 });
    expect(body.results[0].error.issues.map((i: { field: string }) => i.field).sort()).toEqual([
      'flight_id',
      'origin',
    ]);
    const longName = JSON.stringify({ source: 'webapp', rows: [row], fileName: 'f'.repeat(1_000_000) });
    await expectError(await post(longName), 400, 'invalid_request', /PredictRequest/);
  });

  it('a NUL character in any string: 400 naming it, nothing stored', async () => {
    const before = await api.db.pool.query('SELECT count(*)::int AS n FROM predictions');
    for (const body of [
      { source: 'webapp', rows: [row], fileName: 'a\u0000b.csv' },
      { source: 'webapp', rows: [{ ...row, flight_id: 'x\u0000' }] },
    ]) {
      await expectError(await post(JSON.stringify(body)), 400, 'nul_character', /NUL character/);
    }
    const after = await api.db.pool.query('SELECT count(*)::int AS n FROM predictions');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('exports formula-like text as text in the CSV of past predictions, numbers as numbers', async () => {
    const formulas = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)'];
    const rows = formulas.map((flight_id) => ({ ...row, flight_id }));
    expect((await post(JSON.stringify({ source: 'webapp', rows }))).status).toBe(200);
    const csv = await (
      await fetch(`${api.url}/past-predictions?source=webapp`, { headers: { accept: 'text/csv' } })
    ).text();
    const cells = csv.split('\n').flatMap((line) => line.split(','));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example""`);
    for (const text of ["'+1+1", "'-2+3", "'@SUM(A1)"]) expect(cells).toContain(text);
    expect(cells.some((cell) => /^[=+@]/.test(cell))).toBe(false);
    expect(cells).toContain('581');
  });

  it('unknown fields: 400 for the envelope, a refused row naming the field', async () => {
    await expectError(
      await post(JSON.stringify({ source: 'webapp', rows: [row], model: 'other' })),
      400,
      'invalid_request',
      /PredictRequest/,
    );
    const response = await post(JSON.stringify({ source: 'webapp', rows: [{ ...row, gate: 'B12' }] }));
    expect((await response.json()).results[0].error.issues).toContainEqual(
      expect.objectContaining({ field: 'gate' }),
    );
  });

  it.each([
    ['rows that are not objects', { source: 'webapp', rows: [null, 1, 'x', [row], true] }, 200],
    ['numbers that overflow', '{"source":"webapp","rows":[{"flight_id":1e999,"distance":-1e999}]}', 200],
    ['deep nesting', `{"source":"webapp","rows":[${'['.repeat(50_000)}${']'.repeat(50_000)}]}`, 200],
    ['an unknown source', { source: 'cron', rows: [row] }, 400],
    ['no rows', { source: 'webapp', rows: [] }, 400],
    ['rows that are an object', { source: 'webapp', rows: { 0: row } }, 400],
    ['a JSON array', [row], 400],
  ])('%s: refused with reasons, not a 500', async (_name, body, status) => {
    const response = await post(typeof body === 'string' ? body : JSON.stringify(body));
    expect(response.status).toBe(status);
    const answer = await response.json();
    if (status === 200) expect(answer.predicted).toBe(0);
    else expect(answer.error.message).toMatch(/PredictRequest/);
  });

  it.each([
    '?limit=-1',
    '?limit=abc',
    '?limit=1e309',
    '?from=yesterday',
    '?from=2026-02-30',
    '?source=everyone',
    '?cursor=%00%FF',
    '?cursor=<10,000 characters>',
    '?limit=1&limit=2',
    '?unknown=1',
    '?__proto__[x]=1',
  ])('GET /past-predictions%s: 400 with its reason', async (query) => {
    const response = await fetch(
      `${api.url}/past-predictions${query.replace('<10,000 characters>', 'A'.repeat(10_000))}`,
    );
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.error.code).toMatch(/^(invalid_query|invalid_cursor|bad_request)$/);
  });

  it('an Idempotency-Key that is too long or not printable: 400', async () => {
    const body = JSON.stringify({ source: 'webapp', rows: [row] });
    for (const key of ['k'.repeat(256), 'tab\there']) {
      await expectError(
        await post(body, { ...JSON_TYPE, 'idempotency-key': key }),
        400,
        'invalid_idempotency_key',
        /Idempotency-Key/,
      );
    }
  });
});
