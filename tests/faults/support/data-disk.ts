import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const DISK_MB = 256;

/** The data folder, on an ext4 file system of its own in a loop-mounted file, so the suite can fill it. */
export interface DataDisk {
  dataDir: string;
  /** Fills the file system until only `leaveBytes` are free (a filler file beside the data folder). */
  fill(leaveBytes: number): void;
  /** Removes the filler. */
  free(): void;
  freeBytes(): number;
  unmount(): Promise<void>;
}

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Needs root and a kernel that allows loop devices (both true here). Anything else throws with the
 * command that failed: the disk-full scenario cannot be run honestly on a shared file system.
 */
export function mountDataDisk(dir: string): DataDisk {
  const image = path.join(dir, 'data-disk.img');
  const mountPoint = path.join(dir, 'data-disk');
  fs.mkdirSync(mountPoint);
  fs.closeSync(fs.openSync(image, 'w'));
  fs.truncateSync(image, DISK_MB * 1024 * 1024);
  try {
    run('mkfs.ext4', ['-q', '-F', '-m', '0', image]);
    run('mount', ['-o', 'loop', image, mountPoint]);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `cannot mount a ${DISK_MB} MB loop file system for the data folder (needs root and loop devices): ${stderr ?? error}`,
    );
  }
  const dataDir = path.join(mountPoint, 'data');
  fs.mkdirSync(dataDir, { mode: 0o755 });
  const filler = path.join(mountPoint, 'filler');
  const freeBytes = () => {
    const stats = fs.statfsSync(mountPoint);
    return stats.bavail * stats.bsize;
  };
  return {
    dataDir,
    freeBytes,
    fill(leaveBytes) {
      const bytes = Math.max(0, freeBytes() - leaveBytes);
      run('fallocate', ['-l', String(bytes), filler]);
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    async unmount() {
      for (let attempt = 0; ; attempt++) {
        try {
          run('umount', [mountPoint]);
          return;
        } catch {
          // A process that held a file there may take a moment to go away; then detach it lazily.
          if (attempt >= 10) return run('umount', ['-l', mountPoint]);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    },
  };
}
