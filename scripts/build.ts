/**
 * Compiles runnel once into lib/, so the synth path runs plain JavaScript (no type-checking, no transpiling,
 * no schema compiling at run time):
 *   lib/runnel.js      the CLI (`node lib/runnel.js synth`)
 *   lib/cdk8s-app.js   the cdk8s app (`app:` in cdk8s.yaml)
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
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TOPOLOGY_SCHEMA } from '../src/input/schema';
import { editorSchema } from './editor-schema';
import { ValidatorName, VALIDATOR_OPTIONS } from '../src/input/schema-validators';

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
  await build({ ...common, entryPoints: { runnel: join(root, 'src/cli/main.ts'), 'cdk8s-app': join(root, 'src/cli/cdk8s-app.ts') } });
  await build({ ...common, entryPoints: { index: join(root, 'src/index.ts') }, packages: 'external' });
  writeFileSync(join(staging, 'topology.schema.json'), `${JSON.stringify(editorSchema(root), null, 2)}\n`);
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
}

main().catch((e) => {
  process.stderr.write(`runnel build failed: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
