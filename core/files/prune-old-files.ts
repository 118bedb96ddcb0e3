import fs from 'node:fs/promises';
import path from 'node:path';

export interface PruneOutcome {
  deleted: number;
  kept: number;
  /** Names deleted (up to 100, for the task's output; `deleted` has the full count). */
  sample: string[];
}

/**
 * Deletes the regular files directly in `dir` last modified before `cutoff`. Nothing else: not
 * sub-folders, not symbolic links (whatever they point at), not younger files. A file that
 * vanishes meanwhile (a retry, another worker) is not an error.
 */
export async function pruneOldFiles(dir: string, cutoff: Date): Promise<PruneOutcome> {
  const outcome: PruneOutcome = { deleted: 0, kept: 0, sample: [] };
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(dir, entry.name);
    const stat = await fs.lstat(file).catch(() => undefined);
    if (!stat?.isFile() || stat.mtimeMs >= cutoff.getTime()) {
      outcome.kept++;
      continue;
    }
    await fs.rm(file, { force: true });
    outcome.deleted++;
    if (outcome.sample.length < 100) outcome.sample.push(entry.name);
  }
  return outcome;
}
