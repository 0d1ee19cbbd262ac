import { readdirSync } from 'node:fs';
// First, at the top level: the temporary folders' clean-up (an afterAll) then runs after every file's tests,
// not after those of the first file to make one, which left every later folder behind.
import './helpers/temp';
import { join, relative } from 'node:path';

/**
 * The small test files (`test/**\/<name>.unit.ts`), run as one jest file, as test/rules/rules.test.ts runs the rule
 * cases. jest gives each test file its own module registry: it loads its own framework (circus, expect, the snapshot
 * support) and runnel's few hundred modules again for each, ~0.13 s of CPU per file whatever the file tests (and
 * the TypeScript compiler, ~0.4 s, for each of the two files that read src/ with it). For the 35 files here, each
 * of which ran in 0.05-1.2 s, that was a large part of their time. A file whose own work takes longer stays a
 * `.test.ts`, so jest can spread it over the cores. Each file is required inside a describe named after its path, so any hook it declares stays its own.
 * One file: `npx jest test/units.test.ts -t <folder>/<name>` (e.g. `-t constructs/grants`).
 */
const UNIT_FILE = /\.unit\.ts$/;

function unitFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return unitFiles(path);
    return UNIT_FILE.test(e.name) ? [path] : [];
  });
}

for (const file of unitFiles(__dirname).sort()) {
  describe(relative(__dirname, file).replace(UNIT_FILE, ''), () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file registers its tests as it loads
    require(file);
  });
}
