import fs from 'node:fs';
import path from 'node:path';
import { type ComposeService, INFRA_DIR, REPO_ROOT, readEnvFile } from './compose-file';
import { type DockerfileModel, envOf, execForm, instructionsOf, readDockerfile } from './dockerfile';

export const ENV_EXAMPLES_DIR = path.join(INFRA_DIR, 'env');

/** Every example environment (infra/env/*.env.example), by name. */
export function envExamples(): { name: string; file: string }[] {
  return fs
    .readdirSync(ENV_EXAMPLES_DIR)
    .filter((f) => f.endsWith('.env.example'))
    .map((f) => ({ name: f.replace('.env.example', ''), file: path.join(ENV_EXAMPLES_DIR, f) }));
}

export const devEnv = () => readEnvFile(path.join(ENV_EXAMPLES_DIR, 'dev.env.example'));

export function dockerfileOf(service: ComposeService): DockerfileModel {
  if (!service.build) throw new Error('not built from a Dockerfile');
  return readDockerfile(
    path.relative(REPO_ROOT, path.resolve(INFRA_DIR, service.build.context, service.build.dockerfile)),
  );
}

/** What the service's container runs: compose's `command`, else the image's CMD. */
export function commandOf(service: ComposeService): string[] {
  if (service.command) return service.command;
  const [cmd] = instructionsOf(dockerfileOf(service).runtime, 'CMD');
  if (!cmd) throw new Error('no CMD');
  return execForm(cmd);
}

/** The repository file a container's command runs (`node ... api/main.ts` -> api/main.ts). */
export function entryPointOf(service: ComposeService): string {
  const entry = commandOf(service).find((arg) => /\.(ts|cjs)$/.test(arg));
  if (!entry) throw new Error(`no entry point in ${commandOf(service).join(' ')}`);
  return entry;
}

export const imageEnvOf = (service: ComposeService) => envOf(dockerfileOf(service).runtime);
