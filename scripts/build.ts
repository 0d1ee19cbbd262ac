/**
 * Compiles runnel once into lib/, so the synth path runs plain JavaScript (no type-checking, no transpiling,
 * no schema compiling at run time):
 *   lib/runnel.js      the CLI (`node lib/runnel.js synth`): a loader for lib/cli.js (below)
 *   lib/cdk8s-app.js   the cdk8s app (`app:` in cdk8s.yaml): a loader for lib/cdk8s-app-bundle.js
 *   lib/index.js       the library (`require('runnel')`): constructs, synthesizeTopology, the topology types;
 *                      its dependencies and cdk8s/constructs (peers: one copy in the user's app) stay external
 *   lib/topology.schema.json  the editor schema (scripts/editor-schema.ts)
 * The CLI bundles are self-contained: one file to read instead of ~200 modules to resolve. The topology schema's
 * validators are generated as Ajv standalone code here, in place of src/input/schema-validators.ts, which
 * compiles them at run time (the path tests and tsx take). Type-checking stays in `npm test` (tsc --noEmit).
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { build, Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { benchTopology } from '../bench/topology';
import { TOPOLOGY_SCHEMA } from '../src/input/schema';
import { editorSchema } from './editor-schema';
import { ValidatorName, VALIDATOR_OPTIONS } from '../src/input/schema-validators';
import { asciiSource } from './ascii-source';

const root = resolve(__dirname, '..');
const out = join(root, 'lib');
const VIRTUAL = 'runnel-validator:';

function standaloneValidator(name: ValidatorName): string {
  const ajv = new Ajv({ ...VALIDATOR_OPTIONS[name], code: { source: true } });
  return standaloneCode(ajv, ajv.compile(TOPOLOGY_SCHEMA));
}

/** Serves the precompiled validators in place of the module that compiles them at run time. */
const precompiledValidators: Plugin = {
  name: 'precompiled-validators',
  setup(b) {
    b.onResolve({ filter: /[\\/]schema-validators$/ }, () => ({ path: 'schema-validators', namespace: 'runnel-validators' }));
    b.onResolve({ filter: new RegExp(`^${VIRTUAL}`) }, (args) => ({
      path: args.path.slice(VIRTUAL.length),
      namespace: 'runnel-validator',
    }));
    b.onLoad({ filter: /.*/, namespace: 'runnel-validators' }, () => ({
      loader: 'js',
      resolveDir: root,
      contents: [
        `const validators = {`,
        ...Object.keys(VALIDATOR_OPTIONS).map((name) => `  ${JSON.stringify(name)}: require(${JSON.stringify(VIRTUAL + name)}),`),
        `};`,
        `exports.topologyValidator = (name) => validators[name];`,
      ].join('\n'),
    }));
    b.onLoad({ filter: /.*/, namespace: 'runnel-validator' }, (args) => ({
      loader: 'js',
      resolveDir: root,
      contents: standaloneValidator(args.path as ValidatorName),
    }));
  },
};

async function main(): Promise<void> {
  // Built beside lib/ and swapped in whole, so a failed build never leaves half a lib/.
  const staging = `${out}.building`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const common = {
    outdir: staging,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: [precompiledValidators],
    logLevel: 'warning',
    legalComments: 'none',
  } as const;
  // The CLI bundles are self-contained; the library leaves its dependencies (and its cdk8s peers) to the user's app.
  await build({
    ...common,
    entryPoints: { [CLI.bundle]: join(root, 'src/cli/main.ts'), [APP.bundle]: join(root, 'src/cli/cdk8s-app.ts') },
  });
  for (const entry of [CLI, APP]) writeLoader(staging, entry);
  await build({ ...common, entryPoints: { index: join(root, 'src/index.ts') }, packages: 'external' });
  writeFileSync(join(staging, 'topology.schema.json'), `${JSON.stringify(editorSchema(root), null, 2)}\n`);
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
  // In place, so the functions the cache holds name lib/, not the staging folder, in stack traces and profiles.
  warmUp(out);
}

/**
 * The two processes runnel starts as: the name run (`lib/<loader>`) and the bundle it loads (`lib/<bundle>.js`).
 * The bundle keeps the stale-build check (entry.ts), which reads its own path: it stays in lib/.
 */
interface Entry {
  readonly loader: string;
  readonly bundle: string;
}
const CLI: Entry = { loader: 'runnel.js', bundle: 'cli' };
const APP: Entry = { loader: 'cdk8s-app.js', bundle: 'cdk8s-app-bundle' };
/** Set by the build's warm-up run only: the loader then writes the code cache when the process exits. */
const WRITE_CACHE = 'RUNNEL_BUILD_WRITES_CODE_CACHE';

/**
 * The loader: compiles the bundle with the V8 code cache the build wrote beside it (`<bundle>.js.v8-cache`), so a
 * run skips parsing the 2.8 MB bundle and compiling, function by function, the bytecode a synth needs: ~60 ms of
 * every start and ~150 ms of a 1,000-service synth (bench/RESULTS.md). V8 checks the cache against its own version,
 * its flags and the source, and rejects a mismatch (another Node.js, a rebuilt bundle): the bundle is then compiled
 * as Node.js would, so the cache can only be used or ignored, never wrong. It is not in the npm package, which runs
 * under whatever Node.js the user has; the loader runs without it. Node.js 22's module.enableCompileCache() keeps a
 * cache in the temp folder at run time; runnel writes nothing outside its output, and supports Node.js 20.
 * @see https://nodejs.org/api/vm.html#new-vmscriptcode-options (cachedData, cachedDataRejected, createCachedData)
 */
function loaderSource(entry: Entry): string {
  return `#!/usr/bin/env node
// Generated by scripts/build.ts: runs ./${entry.bundle}.js with the V8 code cache beside it, when this Node.js accepts it.
'use strict';
const { isAscii } = require('node:buffer');
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');
const file = join(__dirname, ${JSON.stringify(`${entry.bundle}.js`)});
const cacheFile = \`\${file}.v8-cache\`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache (an installed package, a build without its warm-up): compiled as usual.
}
// The build writes the bundle in ASCII: decoded as Latin-1, it becomes a one-byte string at once (~1.5 ms), where
// UTF-8 decoding of its 2.8 MB took ~20 ms. A bundle that is not ASCII (edited by hand) is decoded as UTF-8.
const bytes = readFileSync(file);
const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
const script = new Script(Module.wrap(source), { filename: file, cachedData });
if (process.env.${WRITE_CACHE} === '1') process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
const bundle = new Module(file, module);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(file), bundle, file, __dirname);
`;
}

function writeLoader(dir: string, entry: Entry): void {
  // The bundle is wrapped in a function: its #! line (from src/cli/main.ts) would be a syntax error there.
  const bundle = join(dir, `${entry.bundle}.js`);
  writeFileSync(bundle, asciiSource(readFileSync(bundle, 'utf8').replace(/^#![^\n]*\n/, '')));
  writeFileSync(join(dir, entry.loader), loaderSource(entry), { mode: 0o755 });
}

/**
 * Runs each entry once on a topology of every kind of service (bench/topology.ts), so the code cache it writes at
 * exit holds the bytecode of what a synth runs, not only of the start. A failed warm-up leaves no cache: the build
 * still succeeds (the loader runs without one), and says so.
 */
function warmUp(dir: string): void {
  const work = mkdtempSync(join(tmpdir(), 'runnel-warm-up-'));
  try {
    writeFileSync(join(work, 'topology.yaml'), stringify(benchTopology(24)));
    const env = { ...process.env, [WRITE_CACHE]: '1', CDK8S_OUTDIR: join(work, 'cdk8s-out') };
    const runs: [Entry, string[]][] = [
      [CLI, ['synth', '--quiet', '--out', join(work, 'out')]],
      [APP, []],
    ];
    for (const [entry, args] of runs) {
      const r = spawnSync(process.execPath, [join(dir, entry.loader), ...args], { cwd: work, env, encoding: 'utf8' });
      if (r.status !== 0) {
        rmSync(join(dir, `${entry.bundle}.js.v8-cache`), { force: true });
        process.stderr.write(
          `runnel build: the warm-up of ${entry.loader} failed (exit ${r.status}), so it has no code cache: ${r.stderr}\n`,
        );
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`runnel build failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
