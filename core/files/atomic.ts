import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * File moves that never show a half-written file: write beside the target under a temporary name,
 * then rename, which POSIX makes atomic within one filesystem.
 */
export async function writeFileAtomic(file: string, contents: string | Uint8Array): Promise<void> {
  const temporary = temporaryName(file);
  try {
    await fs.writeFile(temporary, contents);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** Puts `from` at `to` atomically; across filesystems, copies to a temporary name beside `to` first. */
export async function moveFileAtomic(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const temporary = temporaryName(to);
    await fs.copyFile(from, temporary);
    await fs.rename(temporary, to);
    await fs.rm(from, { force: true });
  }
}

/** A hidden name in the target's folder: readers that skip dotfiles never see it. */
export function temporaryName(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${crypto.randomBytes(4).toString('hex')}.tmp`,
  );
}

export async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
