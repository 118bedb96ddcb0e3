import fs from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { REPO_ROOT } from '../../../cli/runtime/node-child';
import type { Conservation } from './conservation';

/** One fault the suite injected, what it saw Contrail do, and the conservation check after it. */
export interface FaultResult {
  fault: string;
  observed: string;
  conservation?: Conservation;
  passed: boolean;
}

export const RELIABILITY_DOC = path.join(REPO_ROOT, 'docs/RELIABILITY.md');
const START = '<!-- fault-suite-results:start -->';
const END = '<!-- fault-suite-results:end -->';

function conservationCell(c: Conservation | undefined): string {
  if (!c) return 'not reached';
  const { files, rawRows, goodRows, badRows, predicted, apiRejected } = c.counts;
  const verdict =
    c.violations.length === 0
      ? 'holds'
      : `**${c.violations.length} violations**: ${c.violations.slice(0, 3).join('; ')}`;
  return `${verdict}: ${files} files, ${rawRows} raw rows = ${goodRows} good + ${badRows} bad; good = ${predicted} predicted + ${apiRejected} refused by the API`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Collects results as the suite runs, and writes them into docs/RELIABILITY.md between its markers. */
export class FaultReport {
  readonly results: FaultResult[] = [];
  private readonly startedAt = Date.now();

  add(result: FaultResult): void {
    this.results.push(result);
  }

  markdown(): string {
    const minutes = ((Date.now() - this.startedAt) / 60_000).toFixed(1);
    const rows = this.results.map(
      (r) =>
        `| ${cell(r.fault)} | ${cell(r.observed)} | ${cell(conservationCell(r.conservation))} | ${r.passed ? 'pass' : '**fail**'} |`,
    );
    return [
      `Last run: ${new Date().toISOString().slice(0, 16)}Z, \`npm run test:faults\`, ${minutes} min after start-up.`,
      '',
      '| fault | observed | conservation check after it | result |',
      '| --- | --- | --- | --- |',
      ...rows,
    ].join('\n');
  }

  /**
   * Replaces the results block of the document (kept as is when the markers are missing), formatted
   * as the repository's Prettier check expects.
   */
  async write(file = RELIABILITY_DOC): Promise<void> {
    if (!fs.existsSync(file)) return;
    const text = fs.readFileSync(file, 'utf8');
    const from = text.indexOf(START);
    const to = text.indexOf(END);
    if (from < 0 || to < from) return;
    const updated = `${text.slice(0, from + START.length)}\n${this.markdown()}\n${text.slice(to)}`;
    const options = (await prettier.resolveConfig(file)) ?? {};
    fs.writeFileSync(file, await prettier.format(updated, { ...options, filepath: file }));
  }
}
