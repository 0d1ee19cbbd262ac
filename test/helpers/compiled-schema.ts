import Ajv, { Options, ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CACHE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'runnel-compiled-schemas');

/**
 * Ajv's validator for `schema` with `options`, as `new Ajv(options).compile(schema)` returns it, compiled once per
 * change of the schema, the options or Ajv: kept as Ajv standalone code in node_modules/.cache (as the CRD
 * validators are, test/helpers/crd.ts). Compiling the 200 KB editor schema took ~0.5 s of every run. Ajv's strict
 * mode checks the schema as it compiles, so a schema that strict mode refuses still fails here, when it changes.
 * @see https://ajv.js.org/standalone.html
 */
export function compiledSchema(name: string, schema: object, options: Options): ValidateFunction {
  const ajvVersion = (JSON.parse(readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256')
    .update([ajvVersion, JSON.stringify(options), JSON.stringify(schema)].join('\0'))
    .digest('hex')
    .slice(0, 16);
  const file = join(CACHE_DIR, `${name}-${key}.js`);
  if (!existsSync(file)) {
    const ajv = new Ajv({ ...options, code: { ...options.code, source: true } });
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written aside and renamed: a run never reads half a module.
    const aside = `${file}.${process.pid}`;
    writeFileSync(aside, standaloneCode(ajv, ajv.compile(schema)));
    renameSync(aside, file);
    for (const f of readdirSync(CACHE_DIR))
      if (f.startsWith(`${name}-`) && join(CACHE_DIR, f) !== file) rmSync(join(CACHE_DIR, f), { force: true });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module written above
  return require(file) as ValidateFunction;
}
