import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../core/config';
import {
  activeServices,
  type ComposeFile,
  composeVariables,
  contrailServices,
  type Env,
  INFRA_DIR,
  loadCompose,
  readEnvFile,
} from './support/compose-file';
import { containerConfig, containerEnv } from './support/container-config';
import { importGraph } from './support/import-graph';
import { entryPointOf, envExamples, imageEnvOf } from './support/stack';

const hostOf = (url: string) => new URL(url.includes('://') ? url : `tcp://${url}`);
const containerPort = (ports: string[] | undefined) => Number(ports?.[0]?.split(':').at(-1));

/** A secrets folder as ./init-secrets.sh makes it, plus the certificate files the environment names. */
function prepareSecrets(compose: (env: Env) => ComposeFile, env: Env, dir: string): void {
  const result = spawnSync('sh', [path.join(INFRA_DIR, 'init-secrets.sh'), dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`init-secrets.sh failed: ${result.stderr}`);
  const mounts = Object.values(compose(env).services).flatMap((s) => s.volumes ?? []);
  for (const value of Object.values(env).filter((v) => v.startsWith('/'))) {
    for (const [source, target] of mounts.map((m) => m.split(':'))) {
      if (source && target && value.startsWith(`${target}/`)) {
        fs.writeFileSync(path.resolve(INFRA_DIR, source, value.slice(target.length + 1)), 'test certificate');
      }
    }
  }
}

describe.each(envExamples())('infra/env/$name.env.example', ({ file }) => {
  const secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-secrets-'));
  const env: Env = { ...readEnvFile(file), CONTRAIL_SECRETS_DIR: secretsDir };
  prepareSecrets(loadCompose, env, secretsDir);
  const compose = loadCompose(env);
  const active = activeServices(compose, (env.COMPOSE_PROFILES ?? '').split(',').filter(Boolean));
  const services = contrailServices(compose).filter(([name]) => active.includes(name));
  const configs = new Map<string, Config>();
  afterAll(() => fs.rmSync(secretsDir, { recursive: true, force: true }));

  it('sets only variables the compose file reads', () => {
    const read = composeVariables();
    const unread = Object.keys(readEnvFile(file)).filter((k) => !read.has(k) && !k.startsWith('COMPOSE_'));
    expect(unread).toEqual([]);
  });

  it('starts no service before a dependency that does not run, unless it is optional', () => {
    for (const name of active) {
      for (const [dependency, { required }] of Object.entries(compose.services[name]!.depends_on ?? {})) {
        if (!active.includes(dependency))
          expect({ name, dependency, required }).toEqual({ name, dependency, required: false });
      }
    }
  });

  it.each(services.map(([name]) => [name]))('gives %s a configuration Contrail accepts', (name) => {
    const service = compose.services[name]!;
    const config = containerConfig(compose, service, containerEnv(service, imageEnvOf(service)));
    configs.set(name, config);
    const files = importGraph(entryPointOf(service)).files;
    const isService = (host: string) => host in compose.services;
    if (files.has('core/db/client.ts')) {
      expect(config.embeddedPostgres.enabled).toBe(false);
      const host = hostOf(config.databaseUrl).hostname;
      expect({ host, runs: !isService(host) || active.includes(host) }).toEqual({ host, runs: true });
    }
    if (files.has('core/temporal/connect.ts')) {
      expect(config.temporal.devServer.enabled).toBe(false);
      const host = hostOf(config.temporal.address).hostname;
      expect({ host, runs: !isService(host) || active.includes(host) }).toEqual({ host, runs: true });
    }
    for (const [server, listener] of [
      ['api/main.ts', config.api],
      ['webapp/server.ts', config.webapp],
    ] as const) {
      if (!files.has(server)) continue;
      expect(listener.host).toBe('0.0.0.0');
      expect(containerPort(service.ports)).toBe(listener.port);
    }
  });

  it('points Contrail at its own API where that API listens', () => {
    const api = compose.services.api!;
    const apiConfig = containerConfig(compose, api, containerEnv(api, imageEnvOf(api)));
    for (const [name, service] of services) {
      const url = hostOf(
        containerConfig(compose, service, containerEnv(service, imageEnvOf(service))).api.url,
      );
      if (url.hostname !== 'api') continue;
      expect({ name, port: Number(url.port) }).toEqual({ name, port: apiConfig.api.port });
    }
  });

  it('keeps the API and the workers on one data folder, on a named volume', () => {
    const dataVolume = (name: string) => {
      const service = compose.services[name]!;
      const { dataDir } = containerConfig(compose, service, containerEnv(service, imageEnvOf(service)));
      const mount = (service.volumes ?? [])
        .map((v) => v.split(':'))
        .find(([, target]) => dataDir.startsWith(target!));
      return { dataDir, volume: mount?.[0] };
    };
    const api = dataVolume('api');
    expect(api.volume).toBeDefined();
    expect(api.volume! in compose.volumes).toBe(true);
    expect(dataVolume('worker')).toEqual(api);
  });
});

it('documents every variable the compose file reads in at least one example environment', () => {
  const documented = new Set(envExamples().flatMap(({ file }) => Object.keys(readEnvFile(file))));
  expect([...composeVariables()].filter((v) => !documented.has(v))).toEqual([]);
});
