import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './compose-file';

/** The patterns of the repository's .dockerignore (comments and blank lines dropped). */
export function dockerIgnorePatterns(): string[] {
  return fs
    .readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/^\/|\/$/g, '')
    .split('**/')
    .map((part) =>
      part
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]'),
    )
    .join('(?:.*/)?');
  return new RegExp(`^${body}(?:/.*)?$`);
}

/** Whether Docker leaves this repository path out of the build context (last matching rule wins). */
export function dockerIgnored(file: string): boolean {
  let ignored = false;
  for (const pattern of dockerIgnorePatterns()) {
    const negated = pattern.startsWith('!');
    if (toRegExp(negated ? pattern.slice(1) : pattern).test(file)) ignored = !negated;
  }
  return ignored;
}
