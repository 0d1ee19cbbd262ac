import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_FILES, newerSourceThan, staleBuildReason } from '../../src/cli/stale-build';
import { tempDir } from '../helpers/temp';

const BUILT_AT = new Date(2030, 0, 1);
const BEFORE = new Date(2029, 0, 1);
const AFTER = new Date(2031, 0, 1);

/** A checkout: sources and build inputs from before the build, and a complete lib/ built at BUILT_AT. */
function checkout(): string {
  const root = tempDir('stale-build');
  const files = ['src/cli/main.ts', 'src/cli/immutable-fields.json', 'imports/k8s.ts', 'scripts/build.ts', 'package.json'];
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '');
    utimesSync(join(root, f), BEFORE, BEFORE);
  }
  mkdirSync(join(root, 'lib'));
  for (const f of BUILT_FILES) {
    writeFileSync(join(root, 'lib', f), '');
    utimesSync(join(root, 'lib', f), BUILT_AT, BUILT_AT);
  }
  return root;
}

const touch = (root: string, file: string) => utimesSync(join(root, file), AFTER, AFTER);

describe('staleBuildReason: does lib/ need a build before the tests run it (jest global set-up)', () => {
  test('a complete lib/ newer than every input is current', () => {
    expect(staleBuildReason(checkout())).toBeUndefined();
  });

  test('a missing built file', () => {
    const root = checkout();
    rmSync(join(root, 'lib', 'cdk8s-app.js'));
    expect(staleBuildReason(root)).toBe('lib/cdk8s-app.js is missing');
  });

  test.each(['src/cli/main.ts', 'src/cli/immutable-fields.json', 'imports/k8s.ts', 'scripts/build.ts', 'package.json'])(
    '%s changed after the build',
    (file) => {
      const root = checkout();
      touch(root, file);
      expect(staleBuildReason(root)).toBe(`${file} changed after lib/ was built`);
    },
  );

  test('an input newer than the oldest built file, though older than the others', () => {
    const root = checkout();
    utimesSync(join(root, 'lib', 'runnel.js'), BEFORE, BEFORE);
    utimesSync(join(root, 'src', 'cli', 'main.ts'), BUILT_AT, BUILT_AT);
    expect(staleBuildReason(root)).toBe('src/cli/main.ts changed after lib/ was built');
  });

  test("an editor's swap file in src/ is not a change", () => {
    const root = checkout();
    writeFileSync(join(root, 'src', 'cli', '.main.ts.swp'), '');
    touch(root, 'src/cli/.main.ts.swp');
    expect(staleBuildReason(root)).toBeUndefined();
  });
});

describe('newerSourceThan: the bundle refuses to run when a source changed after it was built (entry.ts)', () => {
  test('names the newer source, the JSON the bundle compiles in included; build tooling is not its business', () => {
    const root = checkout();
    const entry = join(root, 'lib', 'runnel.js');
    expect(newerSourceThan(entry)).toBeUndefined();
    touch(root, 'package.json');
    expect(newerSourceThan(entry)).toBeUndefined();
    touch(root, 'src/cli/immutable-fields.json');
    expect(newerSourceThan(entry)).toMatch(/src\/cli\/immutable-fields\.json$/);
  });

  test('from source (not a .js bundle), or without sources beside it (an installed package), it never refuses', () => {
    const root = checkout();
    touch(root, 'src/cli/main.ts');
    expect(newerSourceThan(join(root, 'src', 'cli', 'entry.ts'))).toBeUndefined();
    const installed = tempDir('installed');
    mkdirSync(join(installed, 'lib'));
    writeFileSync(join(installed, 'lib', 'runnel.js'), '');
    expect(newerSourceThan(join(installed, 'lib', 'runnel.js'))).toBeUndefined();
  });
});
