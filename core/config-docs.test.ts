import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from './config';

const read = (file: string) => fs.readFileSync(path.resolve(__dirname, '..', file), 'utf8');

// STYLE.md: every variable is documented in .env.example and in the README's table.
describe('configuration documentation', () => {
  it.each(['.env.example', 'README.md'])('%s names every variable core/config.ts reads', (file) => {
    const text = read(file);
    expect(CONFIG_VARIABLES.filter((name) => !new RegExp(`\\b${name}\\b`).test(text))).toEqual([]);
  });
});
