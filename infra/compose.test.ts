import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, SECRET_VARIABLES } from '../core/config';
import { RELEASE_IMAGES } from '../cli/release/release';
import { contrailServices, INFRA_DIR, loadCompose } from './support/compose-file';
import { dockerfileOf, devEnv } from './support/stack';

const compose = loadCompose(devEnv());
const services = Object.entries(compose.services);
const oneShot = (name: string) => compose.services[name]?.restart === 'no';

describe('infra/docker-compose.yml', () => {
  it('declares the whole production stack', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'postgres',
        'temporal-schema',
        'temporal',
        'temporal-namespace',
        'temporal-ui',
        'grafana',
        'migrate',
        'api',
        'worker',
        'webapp',
      ].sort(),
    );
  });

  it('pins every image to a version (never latest), the Temporal server and its tools to one', () => {
    for (const [name, service] of services) {
      const image = service.image ?? '';
      if (service.build) continue; // Contrail's own images: tagged by the release (see below).
      expect({ name, image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:\d+\.\d+(\.\d+)?$/) });
    }
    const tag = (name: string) => compose.services[name]!.image!.split(':')[1];
    expect(tag('temporal-schema')).toBe(tag('temporal'));
    expect(tag('temporal-namespace')).toBe(tag('temporal'));
  });

  it('builds Contrail images from the release Dockerfiles, tagged with CONTRAIL_VERSION', () => {
    for (const [name, service] of contrailServices(compose)) {
      const dockerfile = dockerfileOf(service).file;
      const release = RELEASE_IMAGES.find((i) => i.dockerfile === dockerfile);
      expect({ name, dockerfile, released: Boolean(release) }).toEqual({ name, dockerfile, released: true });
      expect(service.image).toBe(`${release!.name}:${devEnv().CONTRAIL_VERSION}`);
      // The base image compose passes is the one each Dockerfile defaults to.
      expect(dockerfileOf(service).runtime.image).toBe(service.build.args?.NODE_IMAGE);
    }
  });

  it('gives every long-running service a health check, and one-shot services no restart', () => {
    for (const [name, service] of services) {
      if (oneShot(name)) continue;
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
      expect({ name, test: service.healthcheck?.test?.[0] }).toEqual({
        name,
        test: expect.stringMatching(/^CMD(-SHELL)?$/),
      });
    }
  });

  it('starts each service after what it needs, with conditions that can be met', () => {
    for (const [name, service] of services) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const target = compose.services[dependency];
        expect({ name, dependency, exists: Boolean(target) }).toEqual({ name, dependency, exists: true });
        if (condition === 'service_healthy') expect(target!.healthcheck).toBeDefined();
        else
          expect({ name, dependency, condition, oneShot: oneShot(dependency) }).toEqual({
            name,
            dependency,
            condition: 'service_completed_successfully',
            oneShot: true,
          });
      }
    }
    for (const name of ['api', 'worker']) {
      expect(compose.services[name]!.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    }
    expect(compose.services.migrate!.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('keeps Postgres data on a named volume, where the image version stores it', () => {
    const postgres = compose.services.postgres!;
    const major = Number(postgres.image!.split(':')[1]!.split('.')[0]);
    // From 18 on, the image keeps the cluster in /var/lib/postgresql/<major>/docker.
    const target = major >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data';
    const [source] = (postgres.volumes ?? []).map((v) => v.split(':')).find(([, t]) => t === target) ?? [];
    expect(source! in compose.volumes).toBe(true);
  });

  it('lets the worker scale out: no fixed container name, no published port', () => {
    expect(compose.services.worker!.ports).toBeUndefined();
    for (const [name, service] of services) expect({ name, fixed: service.container_name }).toEqual({ name });
  });

  it('sets only variables Contrail reads, and secrets only through <NAME>_FILE and Docker secrets', () => {
    const fileVariables = SECRET_VARIABLES.map((s) => `${s}_FILE`);
    const known = new Set<string>([...CONFIG_VARIABLES, ...fileVariables]);
    for (const [name, service] of contrailServices(compose)) {
      const env = service.environment ?? {};
      expect({ name, unknown: Object.keys(env).filter((k) => !known.has(k)) }).toEqual({ name, unknown: [] });
      for (const secret of SECRET_VARIABLES) {
        expect({ name, secret, inline: env[secret] }).toEqual({ name, secret });
        const file = env[`${secret}_FILE`];
        if (file === undefined) continue;
        const mounted = String(file).replace('/run/secrets/', '');
        expect({ name, file, listed: service.secrets?.includes(mounted) }).toEqual({
          name,
          file,
          listed: true,
        });
      }
    }
  });

  it('declares the secrets it mounts and mounts the secrets it declares', () => {
    const used = new Set(services.flatMap(([, s]) => s.secrets ?? []));
    expect([...used].sort()).toEqual(Object.keys(compose.secrets).sort());
    for (const secret of Object.values(compose.secrets)) {
      expect(secret.file.startsWith(devEnv().CONTRAIL_SECRETS_DIR!)).toBe(true);
    }
  });

  it('declares its named volumes, and every bind-mounted file of the repository exists', () => {
    for (const [name, service] of services) {
      for (const volume of service.volumes ?? []) {
        const [source] = volume.split(':');
        if (!/^[./]/.test(source!)) {
          expect({ name, volume, declared: source! in compose.volumes }).toEqual({
            name,
            volume,
            declared: true,
          });
        } else if (!source!.startsWith(devEnv().CONTRAIL_SECRETS_DIR!)) {
          expect({ name, volume, exists: fs.existsSync(path.resolve(INFRA_DIR, source!)) }).toEqual({
            name,
            volume,
            exists: true,
          });
        }
      }
    }
  });
});
