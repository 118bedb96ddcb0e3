import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder under the system's temp dir, removed after each test of the calling file. */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `contrail-${prefix}-`));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}
