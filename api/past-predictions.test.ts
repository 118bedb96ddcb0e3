import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { activateTinyModel } from '../tests/support/active-tiny-model';
import { startTestApi, type TestApi } from '../tests/support/api';

const row = (distance: number) => ({
  flight_id: distance,
  date: '2001-04-02 18:05',
  origin: 'ORD',
  destination: 'LGA',
  distance,
});

interface Listed {
  id: string;
  source: string;
  createdAt: string;
  features: { distance: number };
  prediction: number;
}

describe('GET /past-predictions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-past-'));
  let api: TestApi;

  // Six predictions, one a day from 2026-11-01, alternating webapp and scheduled; distance says which day.
  beforeAll(async () => {
    api = await startTestApi(dir);
    await activateTinyModel(api, dir, 3);
    for (let day = 1; day <= 6; day++) {
      const source = day % 2 ? 'webapp' : 'scheduled';
      const body = await (await api.request('POST', '/predict', { source, rows: [row(100 + day)] })).json();
      await api.db.pool.query(`UPDATE predictions SET created_at = $2 WHERE request_id = $1`, [
        body.requestId,
        `2026-11-0${day}T12:00:00Z`,
      ]);
    }
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const list = async (query: string): Promise<{ predictions: Listed[]; nextCursor: string | null }> => {
    const response = await api.request('GET', `/past-predictions?${query}`);
    expect(response.status).toBe(200);
    return response.json();
  };
  const days = (items: Listed[]) => items.map((p) => p.features.distance - 100);

  it('lists stored predictions with their features, newest first', async () => {
    const { predictions, nextCursor } = await list('');
    expect(days(predictions)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(predictions[0]).toMatchObject({
      source: 'scheduled',
      createdAt: '2026-11-06T12:00:00.000Z',
      features: row(106),
    });
    expect(nextCursor).toBeNull();
  });

  const walk = async (query: string, limit: number): Promise<number[]> => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { predictions: Listed[]; nextCursor: string | null } = await list(
        `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...days(page.predictions));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  };

  it('pages with a cursor, every row exactly once', async () => {
    expect(await walk('', 4)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('pages one source with a cursor, skipping the other source (web-app rows have an index of their own)', async () => {
    expect(await walk('source=webapp', 1)).toEqual([5, 3, 1]);
    expect(await walk('source=scheduled', 1)).toEqual([6, 4, 2]);
  });

  it('filters by date range (from inclusive, to exclusive)', async () => {
    expect(days((await list('from=2026-11-02&to=2026-11-05')).predictions)).toEqual([4, 3, 2]);
    expect(days((await list('from=2026-11-04T12:00:00Z')).predictions)).toEqual([6, 5, 4]);
    expect(days((await list('to=2026-11-02T12:00:00')).predictions)).toEqual([1]);
  });

  it('filters by each source', async () => {
    expect(days((await list('source=webapp')).predictions)).toEqual([5, 3, 1]);
    expect(days((await list('source=scheduled')).predictions)).toEqual([6, 4, 2]);
    expect(days((await list('source=all&from=2026-11-05')).predictions)).toEqual([6, 5]);
    expect(days((await list('source=scheduled&limit=1&from=2026-11-03')).predictions)).toEqual([6]);
  });

  it('streams CSV for Accept: text/csv, with the spec columns and the same filters', async () => {
    const response = await api.request('GET', '/past-predictions?source=webapp', undefined, {
      accept: 'text/csv',
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const parsed = Papa.parse<Record<string, string>>(await response.text(), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.meta.fields).toEqual([
      ...['id', 'created_at', 'source', 'model_version', 'request_id', 'row_index', 'file_name'],
      ...['flight_id', 'date', 'origin', 'destination', 'distance', 'predicted_delay'],
    ]);
    expect(parsed.data.map((r) => [r.distance, r.source, r.created_at])).toEqual([
      ['105', 'webapp', '2026-11-05T12:00:00.000Z'],
      ['103', 'webapp', '2026-11-03T12:00:00.000Z'],
      ['101', 'webapp', '2026-11-01T12:00:00.000Z'],
    ]);
  });

  it('refuses a bad query or cursor with 400', async () => {
    for (const query of [
      'source=email',
      'limit=0',
      'from=yesterday',
      'cursor=abc',
      'limit=5000',
      'colour=red',
    ]) {
      const response = await api.request('GET', `/past-predictions?${query}`);
      expect([query, response.status]).toEqual([query, 400]);
      expect((await response.json()).error.code).toMatch(/^invalid_(query|cursor)$/);
    }
  });
});
