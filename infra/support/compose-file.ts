import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** infra/: the compose project directory, which relative paths in the compose file start from. */
export const INFRA_DIR = path.resolve(__dirname, '..');
export const REPO_ROOT = path.resolve(INFRA_DIR, '..');
export const COMPOSE_FILE = path.join(INFRA_DIR, 'docker-compose.yml');

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  profiles?: string[];
  environment?: Record<string, string | number | null>;
  secrets?: string[];
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test: string[] };
  container_name?: string;
  command?: string[];
  entrypoint?: string[];
  restart?: string;
}

export interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
  secrets: Record<string, { file: string }>;
}

export type Env = Record<string, string>;

/** The `KEY=value` lines of a compose env file (`# comments`, no quoting needed in ours). */
export function readEnvFile(file: string): Env {
  const env: Env = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]!] = match[2]!.trim();
  }
  return env;
}

const VARIABLE = /\$\$|\$\{([A-Za-z_]\w*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_]\w*)/g;

/** Compose's interpolation of one value: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}. */
export function interpolate(value: string, env: Env): string {
  return value.replace(VARIABLE, (whole, braced?: string, operator?: string, operand = '', bare?: string) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare)!;
    const set = name in env;
    const nonEmpty = set && env[name] !== '';
    if (operator === ':-') return nonEmpty ? env[name]! : operand;
    if (operator === '-') return set ? env[name]! : operand;
    if ((operator === ':?' && !nonEmpty) || (operator === '?' && !set)) {
      throw new Error(`required variable ${name} is missing: ${operand}`);
    }
    return env[name] ?? '';
  });
}

/** Every variable name the compose file interpolates. */
export function composeVariables(): Set<string> {
  const text = fs.readFileSync(COMPOSE_FILE, 'utf8');
  return new Set([...text.matchAll(VARIABLE)].map((m) => m[1] ?? m[4]).filter((n) => n !== undefined));
}

function interpolateAll(node: unknown, env: Env): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateAll(v, env)]));
  }
  return node;
}

/** The compose file as Compose sees it: anchors and `<<` merges resolved, then values interpolated. */
export function loadCompose(env: Env): ComposeFile {
  const raw = parse(fs.readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as ComposeFile;
  return interpolateAll(raw, env) as ComposeFile;
}

/** The services `docker compose up` starts with these profiles (COMPOSE_PROFILES). */
export function activeServices(compose: ComposeFile, profiles: string[]): string[] {
  return Object.entries(compose.services)
    .filter(([, s]) => !s.profiles || s.profiles.some((p) => profiles.includes(p)))
    .map(([name]) => name);
}

/** Contrail's own services: those built from a Dockerfile of this repository. */
export function contrailServices(compose: ComposeFile): [string, ComposeService & { build: object }][] {
  return Object.entries(compose.services).filter(
    (entry): entry is [string, ComposeService & { build: NonNullable<ComposeService['build']> }] =>
      entry[1].build !== undefined,
  );
}
