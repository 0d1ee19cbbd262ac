import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const SCRIPT = join(root, 'scripts', 'check-mermaid.mjs');
const CACHE_DIR = join(root, 'node_modules', '.cache', 'runnel-mermaid');

/**
 * scripts/check-mermaid.mjs bundled into one file (esbuild), the way the tests run it: Node.js then reads one file
 * instead of resolving and compiling jsdom's and Mermaid's ~1,500 modules, which was ~1 s of the ~1.9 s of CPU the
 * check took (measured: 0.7 s bundled against 1.7 s, the same verdicts). Built once per change of what goes into it
 * (the script, esbuild's, jsdom's and Mermaid's versions, Node's), into node_modules/.cache, and written aside then
 * renamed, so a run never reads half a bundle. jsdom names one file by path at run time (the synchronous XHR
 * worker, `require.resolve('./xhr-sync-worker.js')`, never used here): the bundle's `require` resolves from jsdom's
 * own folder, where that file is. `canvas`, which jsdom loads if it is installed, stays outside.
 */
export function bundledMermaidCheck(): string {
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  const fingerprint = createHash('sha256')
    .update([process.version, version('esbuild'), version('jsdom'), version('mermaid'), readFileSync(SCRIPT, 'utf8')].join('\0'))
    .digest('hex')
    .slice(0, 16);
  const bundle = join(CACHE_DIR, `check-mermaid-${fingerprint}.mjs`);
  if (existsSync(bundle)) return bundle;
  mkdirSync(CACHE_DIR, { recursive: true });
  const xhr = join(dirname(require.resolve('jsdom')), 'jsdom', 'living', 'xhr', 'XMLHttpRequest-impl.js');
  const aside = `${bundle}.${process.pid}`;
  buildSync({
    entryPoints: [SCRIPT],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: aside,
    external: ['canvas'],
    logLevel: 'error',
    // The bundled CommonJS modules (jsdom's) call require: one that resolves from jsdom's folder.
    banner: {
      js: `import { createRequire as runnelCreateRequire } from 'node:module'; const require = runnelCreateRequire(${JSON.stringify(xhr)});`,
    },
  });
  renameSync(aside, bundle);
  // Bundles of earlier versions (13 MB each) go.
  for (const f of readdirSync(CACHE_DIR))
    if (f !== basename(bundle) && f.startsWith('check-mermaid-')) rmSync(join(CACHE_DIR, f), { force: true });
  return bundle;
}
