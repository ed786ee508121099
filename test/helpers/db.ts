import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh directory for one test's SQLite files, removed by the returned cleanup. */
export function tempDir(prefix = 'jindu-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function tempDbPath(): { dbPath: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  return { dbPath: path.join(dir, 'jindu.db'), cleanup };
}
