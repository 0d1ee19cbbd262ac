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
 * of CPU a file): for small files that was most of their time. Run one with `-t <name>`.
 */
export function runFilesAsOne(dir: string, pattern: RegExp): void {
  const files = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const path = join(d, e.name);
      if (e.isDirectory()) return files(path);
      return pattern.test(e.name) ? [path] : [];
    });
  for (const file of files(dir).sort()) {
    describe(relative(dir, file).replace(pattern, ''), () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file registers its tests as it loads
      require(file);
    });
  }
}
