// First, at the top level of the aggregate file that loads this module: the temporary folders' clean-up (an afterAll)
// then runs after every file's tests, not after those of the first file to make one, which left every later folder
// behind.
import './temp';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Runs the test files under `dir` whose names match `pattern` as part of the calling jest file, each required inside a
 * describe named after its path below `dir` without the suffix, so any hook it declares stays its own. jest gives each
 * test file its own module registry and loads its framework and runnel's few hundred modules again for it (~0.13 s
 * of CPU a file, more for files that load more): for small files that was most of their time. Run one with
 * `-t <name>`. `include` picks files by their path below `dir`.
 */
export function runFilesAsOne(dir: string, pattern: RegExp, include: (path: string) => boolean = () => true): void {
  const files = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const path = join(d, e.name);
      if (e.isDirectory()) return files(path);
      return pattern.test(e.name) && include(relative(dir, path)) ? [path] : [];
    });
  for (const file of files(dir).sort()) {
    describe(relative(dir, file).replace(pattern, ''), () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file registers its tests as it loads
      require(file);
    });
  }
}

/**
 * The test folders whose `*.unit.ts` files test/units-a.test.ts runs; test/units-b.test.ts runs those of every other
 * folder (and of test/ itself). Two jest files, so the two workers share them: ~13 s of CPU each, measured.
 */
const UNITS_A_FOLDERS = ['cli', 'delivery', 'input'];

/** Whether test/units-a.test.ts runs the unit file at `path` (below test/); test/units-b.test.ts runs the others. */
export function inUnitsA(path: string): boolean {
  return UNITS_A_FOLDERS.includes(path.split('/')[0]);
}
