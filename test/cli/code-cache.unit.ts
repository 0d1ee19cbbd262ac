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

  test.each(['cli', 'cdk8s-app-bundle'])('the build writes %s.js in ASCII, which the loader decodes as Latin-1', (bundle) => {
    // UTF-8 decoding of the 2.8 MB bundle took ~20 ms of every start; a comment's curly quote was enough to need it.
    const bytes = readFileSync(join(lib, `${bundle}.js`));
    expect(/[\u0080-\u00ff]/.test(bytes.toString('latin1'))).toBe(false);
  });

  test('a bundle that is not ASCII (edited by hand) still runs: the loader decodes it as UTF-8', () => {
    const copy = tempDir('code-cache');
    mkdirSync(join(copy, 'lib'));
    cpSync(join(lib, 'runnel.js'), join(copy, 'lib', 'runnel.js'));
    const bundle = readFileSync(join(lib, 'cli.js'), 'utf8');
    // A string a user sees, with a character that is one byte in Latin-1 and two in UTF-8.
    writeFileSync(join(copy, 'lib', 'cli.js'), `process.stdout.write('r\u00e9sum\u00e9 \u2192 ');\n${bundle}`);
    const r = spawnSync(process.execPath, [join(copy, 'lib', 'runnel.js'), '--version'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^r\u00e9sum\u00e9 \u2192 runnel \d/);
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
