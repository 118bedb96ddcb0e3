import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { seedMonitoringData } from '../tests/support/monitoring-data';
import { INFRA_DIR } from './support/compose-file';
import { expandMacros } from './support/grafana-macros';

/**
 * Grafana cannot run here: every panel's and alert rule's SQL is expanded as Grafana would and run
 * against a migrated database with seeded data, and its result checked against what the panel
 * reads (time and value columns, the fields its options and overrides name, the texts it maps).
 */
interface Target {
  refId: string;
  rawSql?: string;
  format?: string;
  datasource?: { uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: Target[];
  options?: { xField?: string };
  fieldConfig: {
    defaults: { mappings?: { options: Record<string, unknown> }[] };
    overrides: { matcher: { id: string; options: string } }[];
  };
  panels?: Panel[];
}

const DASHBOARDS = path.join(INFRA_DIR, 'grafana/dashboards');
const RULES = path.join(INFRA_DIR, 'grafana/provisioning/alerting/contrail-rules.yaml');
const TIMESTAMPTZ = 1184;
const NUMERIC = new Set([20, 21, 23, 700, 701, 1700]);
const TEXT = new Set([25, 1043]);

const dashboards = fs
  .readdirSync(DASHBOARDS)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, json: JSON.parse(fs.readFileSync(path.join(DASHBOARDS, file), 'utf8')) }));
const panels = dashboards.flatMap(({ file, json }) =>
  (json.panels as Panel[]).flatMap((p) => [p, ...(p.panels ?? [])]).map((panel) => ({ file, panel })),
);

describe('Grafana dashboards and alert rules against the monitoring SQL', () => {
  let db: TestDatabase;
  const now = new Date();
  const range = { from: new Date(now.getTime() - 24 * 3_600_000), to: now, interval: '5m' };
  const run = (sql: string, r = range) => db.pool.query(expandMacros(sql, r));

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedMonitoringData(db.pool, now);
  });
  afterAll(() => db?.drop());

  it('has the two dashboards, each panel with a query on the Contrail data source', () => {
    expect(dashboards.map((d) => d.json.uid).sort()).toEqual([
      'contrail-data-quality',
      'contrail-drift-predictions',
    ]);
    expect(panels.length).toBeGreaterThanOrEqual(20);
    for (const { panel } of panels) {
      expect({ panel: panel.title, sources: panel.targets?.map((t) => t.datasource?.uid) }).toEqual({
        panel: panel.title,
        sources: ['contrail-postgres'],
      });
    }
  });

  it.each(panels.map(({ file, panel }) => [`${file}: ${panel.title}`, panel] as const))(
    '%s runs and returns what the panel reads',
    async (_, panel) => {
      for (const target of panel.targets ?? []) {
        const result = await run(target.rawSql!);
        expect(result.rows.length).toBeGreaterThan(0);
        const types = new Map(result.fields.map((f) => [f.name, f.dataTypeID]));
        const numeric = result.fields.filter((f) => NUMERIC.has(f.dataTypeID));
        if (target.format === 'time_series') {
          expect(types.get('time')).toBe(TIMESTAMPTZ);
          expect(numeric.length).toBeGreaterThan(0);
          if (types.has('metric')) expect(TEXT.has(types.get('metric')!)).toBe(true);
        }
        for (const override of panel.fieldConfig.overrides)
          expect([...types.keys()]).toContain(override.matcher.options);
        if (panel.options?.xField) expect([...types.keys()]).toContain(panel.options.xField);
        const mapped = panel.fieldConfig.defaults.mappings?.flatMap((m) => Object.keys(m.options)) ?? [];
        if (panel.type === 'stat' && numeric.length === 0) {
          // A text stat (a status) shows through its value mappings: every value must be mapped.
          for (const row of result.rows)
            for (const value of Object.values(row)) expect(mapped).toContain(value);
        } else if (panel.type === 'stat' || panel.type === 'bargauge') {
          expect(numeric.length).toBeGreaterThan(0);
        }
      }
    },
  );

  it.each(['20s', '1m', '1h', '1d'])(
    'time-series queries run at a Grafana interval of %s',
    async (interval) => {
      for (const { panel } of panels.filter(({ panel }) =>
        panel.targets?.[0]?.rawSql?.includes('$__interval'),
      )) {
        const result = await run(panel.targets![0]!.rawSql!, { ...range, interval });
        expect(result.rows.length).toBeGreaterThan(0);
      }
    },
  );

  it('panels of an empty range still run (no data is not an error)', async () => {
    const empty = {
      from: new Date('2001-01-01T00:00:00Z'),
      to: new Date('2001-01-02T00:00:00Z'),
      interval: '1h',
    };
    for (const { panel } of panels)
      for (const t of panel.targets ?? []) await expect(run(t.rawSql!, empty)).resolves.toBeDefined();
  });

  const rules = (
    parse(fs.readFileSync(RULES, 'utf8')) as {
      groups: {
        rules: {
          uid: string;
          title: string;
          condition: string;
          data: {
            refId: string;
            datasourceUid: string;
            model: Target & { type?: string; expression?: string; conditions?: unknown };
          }[];
        }[];
      }[];
    }
  ).groups.flatMap((g) => g.rules);

  it('has one Grafana alert rule for each of the four SQL rules, firing when the value is above 0', async () => {
    const named = rules.map((r) => /rule = '(\w+)'/.exec(r.data[0]!.model.rawSql ?? '')?.[1]);
    const sqlRules = (await db.pool.query('SELECT rule FROM monitoring_alert_rules(now())')).rows.map(
      (r) => r.rule,
    );
    expect(named.sort()).toEqual([...sqlRules].sort());
    for (const rule of rules) {
      const threshold = rule.data.find((d) => d.refId === rule.condition)!;
      expect(threshold.model).toMatchObject({
        type: 'threshold',
        conditions: [{ evaluator: { type: 'gt', params: [0] } }],
      });
    }
  });

  it.each(rules.map((r) => [r.title, r] as const))(
    'alert rule "%s" runs and returns one time-series point',
    async (_, rule) => {
      const query = rule.data.find((d) => d.datasourceUid === 'contrail-postgres')!;
      const result = await run(query.model.rawSql!);
      expect(result.rows).toHaveLength(1);
      expect(result.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
        ['time', TIMESTAMPTZ],
        ['firing', 23],
      ]);
      expect([0, 1]).toContain(result.rows[0].firing);
    },
  );
});
