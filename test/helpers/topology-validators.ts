import type { ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPOLOGY_SCHEMA } from '../../src/input/schema';
import { ValidatorName, VALIDATOR_OPTIONS } from '../../src/input/schema-validator-options';

export { VALIDATOR_OPTIONS };
export type { ValidatorName };

/**
 * The topology schema's validators for tests, served by jest in place of src/input/schema-validators.ts: the
 * same Ajv options and schema, as Ajv standalone code, which is what the build ships in lib/ (scripts/build.ts).
 *
 * Compiling the two validators takes ~0.3 s, and jest gives every test file its own module registry, so each of
 * ~100 files compiled them again: Ajv's compiler was a third of the suite's time in a profiled run. The first file to need them writes the
 * standalone code to node_modules/.cache/runnel-topology-validators/<fingerprint>/, keyed by the schema, the
 * options, Ajv's version and this file; every other file loads it. test/input/schema-validators.unit.ts holds these
 * validators equal to the ones src/ compiles at run time.
 */
const CACHE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'runnel-topology-validators');

function fingerprint(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256')
    .update(JSON.stringify([ajvVersion, VALIDATOR_OPTIONS, TOPOLOGY_SCHEMA, readFileSync(__filename, 'utf8')]))
    .digest('hex')
    .slice(0, 32);
}

/** The standalone module of validator `name` under `dir`, written (atomically) unless it is there. */
function standaloneFile(dir: string, name: ValidatorName): string {
  const file = join(dir, `${name}.js`);
  if (existsSync(file)) return file;
  // Loaded only here: most test files never load Ajv's compiler (~60 modules).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ajv = new Ajv({ ...VALIDATOR_OPTIONS[name], code: { source: true } });
  const code = standaloneCode(ajv, ajv.compile(TOPOLOGY_SCHEMA));
  if (!existsSync(dir)) {
    // A new schema: the folders of earlier ones will not be read again.
    for (const old of existsSync(CACHE_DIR) ? readdirSync(CACHE_DIR) : []) {
      if (join(CACHE_DIR, old) !== dir) rmSync(join(CACHE_DIR, old), { recursive: true, force: true });
    }
    mkdirSync(dir, { recursive: true });
  }
  // Workers may race to write the same file: each writes its own and renames it into place (same content).
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, file);
  return file;
}

const loaded = new Map<ValidatorName, ValidateFunction>();

/** The validator `name`, as standalone code generated once per schema and loaded once per test file. */
export function topologyValidator(name: ValidatorName): ValidateFunction {
  let validate = loaded.get(name);
  if (!validate) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validate = require(standaloneFile(join(CACHE_DIR, fingerprint()), name)) as ValidateFunction;
    loaded.set(name, validate);
  }
  return validate;
}
