import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import Module from 'node:module';
import { tempDir } from '../helpers/temp';

const root = join(__dirname, '..', '..');
const lib = join(root, 'lib');

/** How the loader compiles the bundle (scripts/build.ts, loaderSource). */
function compile(bundle: string, cachedData?: Buffer): Script {
  return new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
}

describe('the CLI loader and its V8 code cache (scripts/build.ts)', () => {
  test.each(['cli', 'cdk8s-app-bundle'])('the build leaves a code cache for %s.js that this Node.js accepts', (bundle) => {
    const file = join(lib, `${bundle}.js`);
    const script = compile(file, readFileSync(`${file}.v8-cache`));
    expect(script.cachedDataRejected).toBe(false);
  });

  test('a cache that does not fit (another Node.js, another build) is ignored: the CLI runs as without one', () => {
    const copy = tempDir('code-cache');
    mkdirSync(join(copy, 'lib'));
    for (const f of ['runnel.js', 'cli.js']) cpSync(join(lib, f), join(copy, 'lib', f));
    const run = () =>
      spawnSync(process.execPath, [join(copy, 'lib', 'runnel.js'), 'check', '--topology', join(root, 'topology.yaml')], {
        encoding: 'utf8',
      });
    const without = run();
    expect(without.status).toBe(0);
    // Another build's cache: V8 accepts it for nothing but that build's bundle.
    const another = compile(join(lib, 'cdk8s-app-bundle.js')).createCachedData();
    expect(compile(join(copy, 'lib', 'cli.js'), another).cachedDataRejected).toBe(true);
    // The loader hands V8 whatever the file holds; rejected (as that cache, or bytes that are no cache at all), the
    // bundle is compiled as without one.
    writeFileSync(join(copy, 'lib', 'cli.js.v8-cache'), 'not a cache');
    const garbage = run();
    expect(garbage.status).toBe(0);
    expect(garbage.stdout).toBe(without.stdout);
    expect(garbage.stderr).toBe(without.stderr);
  });
});
