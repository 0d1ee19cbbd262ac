import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { asciiSource } from '../../scripts/ascii-source';

const root = join(__dirname, '..', '..');
const SCRIPT = join(root, 'scripts', 'check-mermaid.mjs');
const CACHE_DIR = join(root, 'node_modules', '.cache', 'runnel-mermaid');

/**
 * scripts/check-mermaid.mjs bundled into one CommonJS file (esbuild), and a loader that runs it with a V8 code cache;
 * returns the loader, to run with `node`. Unbundled, Node.js resolved and compiled jsdom's and Mermaid's ~1,500
 * modules (~1.7 s of CPU); bundled, it compiled 13.8 MB (~1 s); with the code cache the first run writes beside the
 * bundle, ~0.45 s: the same verdicts each way. The bundle is in ASCII, decoded as Latin-1 (scripts/ascii-source.ts).
 * Built once per change of what goes into it (the script, this file, esbuild's, jsdom's and Mermaid's versions,
 * Node's), into node_modules/.cache, and written aside then renamed, so a run never reads half a bundle; V8 rejects a
 * code cache that does not fit, and the loader then writes a new one. jsdom names one file by path at run time (the
 * synchronous XHR worker, `require.resolve('./xhr-sync-worker.js')`, never used here): the bundle's `require`
 * resolves from jsdom's own folder, where that file is. `canvas`, which jsdom loads if it is installed, stays outside.
 * @see https://nodejs.org/api/vm.html#new-vmscriptcode-options (cachedData, createCachedData)
 */
export function bundledMermaidCheck(): string {
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  const fingerprint = createHash('sha256')
    .update(
      [
        readFileSync(__filename, 'utf8'),
        process.version,
        version('esbuild'),
        version('jsdom'),
        version('mermaid'),
        readFileSync(SCRIPT, 'utf8'),
      ].join('\0'),
    )
    .digest('hex')
    .slice(0, 16);
  const bundle = join(CACHE_DIR, `check-mermaid-${fingerprint}.cjs`);
  const loader = join(CACHE_DIR, `check-mermaid-${fingerprint}.run.cjs`);
  if (existsSync(loader)) return loader;
  mkdirSync(CACHE_DIR, { recursive: true });
  const xhr = join(dirname(require.resolve('jsdom')), 'jsdom', 'living', 'xhr', 'XMLHttpRequest-impl.js');
  const built = buildSync({
    entryPoints: [SCRIPT],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    outfile: bundle,
    external: ['canvas'],
    logLevel: 'error',
  });
  // The script's #! line would be a syntax error in the loader's function wrapper. The bundled CommonJS modules
  // (jsdom's) call require: one that resolves from jsdom's folder, set after "use strict" so the bundle stays strict.
  const strict = '"use strict";\n';
  const code = built.outputFiles[0].text.replace(/^#![^\n]*\n/, '');
  if (!code.startsWith(strict)) throw new Error('esbuild\'s CommonJS bundle no longer starts with "use strict"');
  const requireFromJsdom = `require = require('node:module').createRequire(${JSON.stringify(xhr)});\n`;
  const written = (path: string, text: string) => {
    writeFileSync(`${path}.${process.pid}`, text);
    renameSync(`${path}.${process.pid}`, path);
  };
  written(bundle, asciiSource(strict + requireFromJsdom + code.slice(strict.length)));
  written(loader, loaderSource(bundle));
  // Bundles of earlier versions (13 MB each, and their caches) go.
  for (const f of readdirSync(CACHE_DIR))
    if (f.startsWith('check-mermaid-') && !f.startsWith(`check-mermaid-${fingerprint}.`)) rmSync(join(CACHE_DIR, f), { force: true });
  return loader;
}

/** Runs `bundle` as Node.js would, compiled with the code cache beside it, which it (re)writes when V8 had none to use. */
function loaderSource(bundle: string): string {
  return `'use strict';
// Written by test/helpers/mermaid.ts.
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');
const file = ${JSON.stringify(bundle)};
const cacheFile = file + '.v8-cache';
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // The first run: it writes the cache as it exits.
}
const script = new Script(Module.wrap(readFileSync(file, 'latin1')), { filename: file, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  process.on('exit', () => {
    writeFileSync(cacheFile + '.' + process.pid, script.createCachedData());
    renameSync(cacheFile + '.' + process.pid, cacheFile);
  });
}
const bundle = new Module(file, module);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(dirname(file));
script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(file), bundle, file, dirname(file));
`;
}
