import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/**
 * A fresh temporary folder, removed when the test file is done; made in the run's folder (test/helpers/global-setup.ts),
 * which the global teardown removes whole, with what a file whose tests were all filtered out (`-t`) left.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(process.env.RUNNEL_TEST_TMP ?? tmpdir(), `runnel-${prefix}-`));
  made.push(dir);
  return dir;
}

const workspaces = new Map<string, string>();

/**
 * One temporary folder per test file and `name`, made (and `prepare`d) on first use: for helpers that run the CLI
 * many times on one topology file, where a fresh folder per call was much of their time.
 */
export function workspace(name: string, prepare: (dir: string) => void = () => undefined): string {
  let dir = workspaces.get(name);
  if (dir === undefined) {
    dir = tempDir(name);
    prepare(dir);
    workspaces.set(name, dir);
  }
  return dir;
}

// Each test file has its own copy of this module, so this runs after each file that uses it.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  workspaces.clear();
});
