import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { INFRA_DIR, loadCompose } from './support/compose-file';
import { devEnv } from './support/stack';

const compose = loadCompose(devEnv());
const grafana = compose.services.grafana!;
const mountOf = (hostDir: string) =>
  (grafana.volumes ?? [])
    .map((v) => v.split(':'))
    .find(([source]) => path.resolve(INFRA_DIR, source!) === hostDir);
const provisioning = path.join(INFRA_DIR, 'grafana/provisioning');
const datasourceFile = path.join(provisioning, 'datasources/contrail-postgres.yaml');

describe('Grafana provisioning (infra/grafana)', () => {
  it('is mounted where Grafana reads provisioning, with its three folders', () => {
    expect(mountOf(provisioning)?.[1]).toBe('/etc/grafana/provisioning');
    for (const folder of ['datasources', 'dashboards', 'alerting']) {
      expect(fs.statSync(path.join(provisioning, folder)).isDirectory()).toBe(true);
    }
  });

  it('loads dashboards from the folder compose mounts', () => {
    const providers = parse(fs.readFileSync(path.join(provisioning, 'dashboards/contrail.yaml'), 'utf8')) as {
      providers: { options: { path: string } }[];
    };
    const dashboards = mountOf(path.join(INFRA_DIR, 'grafana/dashboards'));
    expect(providers.providers.map((p) => p.options.path)).toEqual([dashboards?.[1]]);
  });

  it('connects to Postgres with variables compose gives Grafana, password included', () => {
    const text = fs.readFileSync(datasourceFile, 'utf8');
    const datasource = parse(text) as {
      datasources: { type: string; user: string; secureJsonData: { password: string } }[];
    };
    expect(datasource.datasources[0]?.type).toBe('grafana-postgresql-datasource');
    expect(datasource.datasources[0]?.secureJsonData.password).toBe('$GRAFANA_DB_PASSWORD');
    const used = [...text.matchAll(/\$\{?([A-Z_]+)\}?/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used)
      expect({ name, set: Boolean(grafana.environment?.[name]) }).toEqual({ name, set: true });
  });

  it('reads as the role the database creates for it, with the same password', () => {
    const postgres = compose.services.postgres!.environment!;
    expect(grafana.environment?.GRAFANA_DB_USER).toBe(postgres.GRAFANA_DB_USER);
    expect(grafana.environment?.GRAFANA_DB_PASSWORD).toBe(postgres.GRAFANA_DB_PASSWORD);
    expect(grafana.environment?.GRAFANA_DB_PASSWORD).toBe(devEnv().GRAFANA_DB_PASSWORD);
  });
});
