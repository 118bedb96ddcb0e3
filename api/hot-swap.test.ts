import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promoteModel, registerModel } from '../core/model';
import { activateTinyModel } from '../tests/support/active-tiny-model';
import { startTestApi, type TestApi } from '../tests/support/api';
import { trainTinyModel } from '../tests/support/tiny-model';

const row = (i: number) => ({
  flight_id: i,
  date: '2001-04-02 18:05',
  origin: 'ORD',
  destination: 'LGA',
  distance: 200 + (i % 1000),
});

describe('promoting a model while requests run', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-swap-'));
  let api: TestApi;
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('swaps without a restart, fails no request, and every stored prediction names the model that made it', async () => {
    api = await startTestApi(dir);
    const first = await activateTinyModel(api, dir, 3);
    const second = await trainTinyModel(dir, { trees: 6 });
    await registerModel(api.db.pool, second.artifact, second.file);

    let sent = 0;
    let swappedSeen = false;
    const answers: {
      status: number;
      requestId: string;
      modelVersion: string;
      rows: number;
      afterSwapSeen: boolean;
    }[] = [];
    const client = async (id: number) => {
      // Each client keeps sending until it has seen the new model answer a few times.
      for (let k = 0; k < 400 && !(swappedSeen && k > 20); k++) {
        const size = (id + k) % 5 === 0 ? 50 : 1;
        const rows = Array.from({ length: size }, (_, j) => row(sent + j));
        sent += size;
        const afterSwapSeen = swappedSeen;
        const response = await api.request('POST', '/predict', { source: 'webapp', rows });
        const body = await response.json();
        answers.push({
          status: response.status,
          requestId: body.requestId,
          modelVersion: body.modelVersion,
          rows: size,
          afterSwapSeen,
        });
        if (body.modelVersion === second.artifact.id) swappedSeen = true;
      }
    };
    const clients = Array.from({ length: 8 }, (_, id) => client(id));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Through the registry only: the API hears of it by LISTEN/NOTIFY, not by being told here.
    await promoteModel(api.db.pool, second.artifact.id, 'hot swap test');
    await Promise.all(clients);

    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.modelVersion))).toEqual(new Set([first.id, second.artifact.id]));
    const { rows } = await api.db.pool.query<{ request_id: string; model_version: string; n: number }>(
      `SELECT request_id, model_version, count(*)::int AS n FROM predictions GROUP BY request_id, model_version`,
    );
    const byRequest = new Map(rows.map((r) => [r.request_id, r]));
    expect(rows).toHaveLength(answers.length);
    for (const a of answers)
      expect(byRequest.get(a.requestId)).toMatchObject({ model_version: a.modelVersion, n: a.rows });
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(sent);
    // Once one answer came from the new model, no request sent afterwards gets the old one.
    expect(answers.filter((a) => a.afterSwapSeen && a.modelVersion === first.id)).toEqual([]);
  });
});
