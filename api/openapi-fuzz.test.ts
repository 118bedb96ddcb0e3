import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { activateTinyModel } from '../tests/support/active-tiny-model';
import { startTestApi, type TestApi } from '../tests/support/api';
import { arbitraryFor, HOSTILE_STRINGS, type JsonSchema } from '../tests/support/openapi-arbitrary';
import { DAGS } from '../workflows/dags';

/** Fixed, so CI runs the same requests every time; FUZZ_SEED and FUZZ_RUNS explore further by hand. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

interface FuzzRequest {
  url: string;
  init: RequestInit;
}

function requestArbitrary(op: Operation, components: Record<string, JsonSchema>): fc.Arbitrary<FuzzRequest> {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const segment = fc.oneof(
    fc.constantFrom(...DAGS.map((d) => d.id), ...HOSTILE_STRINGS.filter(Boolean)),
    fc.string({ minLength: 1 }),
  );
  const query = Object.fromEntries(
    (op.parameters ?? [])
      .filter((p) => p.in === 'query')
      .map((p) => [p.name, fc.option(arbitraryFor(p.schema, components), { nil: undefined })]),
  );
  const json = op.requestBody?.content['application/json']?.schema;
  const body = json
    ? fc.oneof(
        { weight: 4, arbitrary: arbitraryFor(json, components).map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: fc.string() },
      )
    : fc.constant(undefined);
  return fc
    .record({
      params: fc.tuple(...pathParams.map(() => segment)),
      query: fc.record(query),
      body,
      key: fc.option(fc.stringMatching(/^[\x20-\x7e]{0,300}$/), { nil: undefined }),
    })
    .map(({ params, query, body, key }) => {
      let route = op.path;
      pathParams.forEach(
        (name, i) =>
          (route = route.replace(`{${name}}`, encodeURIComponent(Buffer.from(String(params[i])).toString()))),
      );
      const search = new URLSearchParams(
        Object.entries(query).flatMap(([k, v]) =>
          v === undefined ? [] : [[k, typeof v === 'string' ? v : JSON.stringify(v)]],
        ),
      ).toString();
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (key !== undefined && op.method === 'post') headers['idempotency-key'] = key;
      return {
        url: `${route}${search ? `?${search}` : ''}`,
        init: { method: op.method.toUpperCase(), headers, ...(body === undefined ? {} : { body }) },
      };
    });
}

describe('a schema-driven fuzz of the API from its OpenAPI document', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-fuzz-'));
  let api: TestApi;
  let operations: Operation[] = [];
  let components: Record<string, JsonSchema> = {};
  beforeAll(async () => {
    // A task queue no worker polls: a fuzzed trigger starts a run that just waits, touching nothing.
    api = await startTestApi(dir, { env: { TEMPORAL_TASK_QUEUE: `fuzz-${process.pid}` } });
    await activateTinyModel(api, dir);
    const document = await (await fetch(`${api.url}/openapi.json`)).json();
    components = document.components?.schemas ?? {};
    operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(
      ([route, methods]) => Object.entries(methods).map(([method, op]) => ({ ...op, method, path: route })),
    );
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('covers every documented operation', () => {
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'post /predict',
        'get /past-predictions',
        'get /reports/{id}',
        'post /dags/{dagId}/trigger',
      ]),
    );
  });

  it('answers every generated request below 500, every error in the error shape', async () => {
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(op, components), async ({ url, init }) => {
          const response = await fetch(`${api.url}${url}`, init);
          const text = await response.text();
          const where = `${init.method} ${url} -> ${response.status} ${text.slice(0, 300)}`;
          if (response.status >= 500) throw new Error(`server error: ${where}`);
          if (response.status >= 400) {
            const body = JSON.parse(text);
            if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string')
              throw new Error(`not the error shape: ${where}`);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }
  }, 300_000);
});
