import path from 'node:path';
import { type Config, loadConfig } from '../../core/config';
import { type ComposeFile, type ComposeService, type Env, INFRA_DIR } from './compose-file';

/** Where a container path comes from on the host: a Docker secret's file or a bind mount. */
function hostMounts(compose: ComposeFile, service: ComposeService): [string, string][] {
  const secrets = (service.secrets ?? []).map((name): [string, string] => {
    const secret = compose.secrets[name];
    if (!secret) throw new Error(`secret ${name} is not defined at the top level`);
    return [`/run/secrets/${name}`, path.resolve(INFRA_DIR, secret.file)];
  });
  const binds = (service.volumes ?? [])
    .map((volume) => volume.split(':'))
    .filter(([source]) => source !== undefined && /^[./]/.test(source))
    .map(([source, target]): [string, string] => [target!, path.resolve(INFRA_DIR, source!)]);
  return [...secrets, ...binds];
}

/** The environment a service's container starts with: its image's ENV, then compose's environment. */
export function containerEnv(service: ComposeService, imageEnv: Env): Env {
  const composeEnv = Object.entries(service.environment ?? {}).map(([k, v]) => [
    k,
    v === null ? '' : String(v),
  ]);
  return { ...imageEnv, ...Object.fromEntries(composeEnv) };
}

/**
 * The configuration Contrail's code would load inside the container. Paths to files mounted into
 * the container (secrets, bind mounts) are read from where they are on the host; a path that no
 * mount provides stays as it is, so loadConfig fails on it exactly as the container would.
 */
export function containerConfig(compose: ComposeFile, service: ComposeService, env: Env): Config {
  const mounts = hostMounts(compose, service);
  const onHost = (value: string) => {
    const mount = mounts.find(([target]) => value === target || value.startsWith(`${target}/`));
    return mount ? mount[1] + value.slice(mount[0].length) : value;
  };
  const hostEnv = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v.startsWith('/') ? onHost(v) : v]),
  );
  // CONTRAIL_DATA_DIR is a folder inside the container, not a file to read here: keep its path.
  return loadConfig({
    ...hostEnv,
    ...(env.CONTRAIL_DATA_DIR ? { CONTRAIL_DATA_DIR: env.CONTRAIL_DATA_DIR } : {}),
  });
}
