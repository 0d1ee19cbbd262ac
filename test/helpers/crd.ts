import type { ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** ../shared beside the repository, as on developer machines and in CI. */
export const SHARED_DIR = resolve(process.env.RUNNEL_SHARED ?? join(__dirname, '..', '..', '..', 'shared'));
const CRD_DIRS = ['crds/config-connector', 'crds/knative'].map((d) => join(SHARED_DIR, d));

type Schema = Record<string, any>;

/**
 * Makes an OpenAPI v3 structural schema strict: an object that lists its properties accepts no others
 * (unless it says x-kubernetes-preserve-unknown-fields), as the API server's pruning would silently drop them.
 */
export function strictify(schema: Schema): Schema {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([pk, pv]) => [pk, strictify(pv as Schema)]));
    } else if (typeof v === 'object' && v !== null && k !== 'enum' && k !== 'required' && k !== 'default' && k !== 'example') {
      out[k] = strictify(v as Schema);
    } else {
      out[k] = v;
    }
  }
  if (out['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

let validators: Map<string, ValidateFunction> | undefined;

/** Core Kubernetes kinds runnel emits, which no CRD describes: only what runnel writes is allowed. */
const CORE_SCHEMAS: Record<string, Schema> = {
  'v1/Namespace': {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: { type: 'object', additionalProperties: false, properties: {} },
    },
    additionalProperties: false,
  },
};

const ARGO_DIR = join(SHARED_DIR, 'schemas', 'argoproj.io');

/** Every input the validators are built from: this file, the vendored CRDs and Argo CD's schemas. */
function schemaSources(): string[] {
  const list = (dir: string, ext: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => join(dir, f));
  return [__filename, ...list(ARGO_DIR, '.json'), ...CRD_DIRS.flatMap((d) => list(d, '.yaml'))];
}

/** Strict schemas keyed by `apiVersion/kind`, for every served version of every vendored CRD (as read by servedByFolder). */
function strictSchemas(served = servedByFolder()): Map<string, Schema> {
  const schemas = new Map<string, Schema>(Object.entries(CORE_SCHEMAS));
  // Argo CD's own JSON Schemas (kubeconform layout: <group>/<kind>_<version>.json).
  for (const file of readdirSync(ARGO_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const [kind, version] = file.replace(/\.json$/, '').split('_');
    const kindName =
      ({ application: 'Application', applicationset: 'ApplicationSet', appproject: 'AppProject' } as Record<string, string>)[kind] ?? kind;
    schemas.set(`argoproj.io/${version}/${kindName}`, strictify(JSON.parse(readFileSync(join(ARGO_DIR, file), 'utf8'))));
  }
  for (const versions of served.values()) for (const [id, schema] of versions) schemas.set(id, strictify(schema));
  return schemas;
}

/** The served versions of each CRD folder's CRDs, by folder. */
function servedByFolder(): Map<string, Array<[string, Schema]>> {
  return new Map(CRD_DIRS.map((d) => [d, servedVersions(d)]));
}

/** `apiVersion/kind` and the OpenAPI schema of every served version of every CRD in `dir`, in file order. */
function servedVersions(dir: string): Array<[string, Schema]> {
  const out: Array<[string, Schema]> = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS())) {
      if (doc?.kind !== 'CustomResourceDefinition') continue;
      for (const version of doc.spec.versions.filter((v: Schema) => v.served)) {
        out.push([`${doc.spec.group}/${version.name}/${doc.spec.names.kind}`, version.schema.openAPIV3Schema]);
      }
    }
  }
  return out;
}

/**
 * `group/version/kind` of every served version of the vendored CRDs of one folder (`crds/config-connector`,
 * `crds/knative`): what a cluster with those CRDs serves. Read from the set-up's cache when it is current (parsing
 * the CRDs' YAML costs ~0.9 s of CPU), else from the CRDs.
 */
export function servedCrdKinds(folder: 'config-connector' | 'knative'): string[] {
  const dir = join(SHARED_DIR, 'crds', folder);
  if (cacheIsCurrent()) {
    return (JSON.parse(readFileSync(join(CACHE_DIR, 'served.json'), 'utf8')) as Record<string, string[]>)[dir];
  }
  return servedVersions(dir).map(([id]) => id);
}

const AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: false } as const;

/** Ajv's compiler, loaded only where validators are compiled: test files load the compiled ones (~60 modules less). */
function ajvCompiler() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    Ajv: (require('ajv') as typeof import('ajv')).default,
    standaloneCode: (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * Compiling the ~40 strict validators takes seconds, and jest gives every test file its own module registry, so
 * compiling them per file cost ~28 s of every run. The global set-up compiles them once into Ajv standalone code
 * (node_modules/.cache/runnel-crd-validators/), keyed by a fingerprint of every input; test files load the
 * modules of the kinds they validate.
 */
const CACHE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'runnel-crd-validators');

function fingerprint(): string {
  const h = createHash('sha256');
  for (const file of schemaSources()) {
    // This file by its content, not its path: two worktrees sharing one node_modules (a baseline built beside the
    // work, as the bench does) otherwise rebuilt the cache for each other on every alternating run.
    if (file === __filename) {
      h.update(readFileSync(file)).update('\n');
      continue;
    }
    const st = statSync(file);
    h.update(`${file}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return h.digest('hex');
}

const STAMP_FILE = join(CACHE_DIR, 'fingerprint');

/** Whether the cache was built from the inputs as they are now (`stamp`: their fingerprint, when already computed). */
function cacheIsCurrent(stamp = fingerprint()): boolean {
  return existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8') === stamp;
}

/** Writes one standalone validator module per kind unless the cached ones were built from the same inputs. */
export function buildCrdValidatorCache(): void {
  const stamp = fingerprint();
  if (cacheIsCurrent(stamp)) return;
  const { Ajv, standaloneCode } = ajvCompiler();
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const served = servedByFolder();
  const ids = [...strictSchemas(served)].map(([id, schema], i) => {
    ajv.addSchema(schema, `v${i}`);
    return id;
  });
  rmSync(CACHE_DIR, { recursive: true, force: true });
  mkdirSync(CACHE_DIR, { recursive: true });
  // A module per kind, loaded on first use: together they are ~13 MB of JavaScript, which V8 would otherwise parse
  // in every test file (~0.1 s each), though a test meets a handful of kinds.
  ids.forEach((_, i) => writeFileSync(join(CACHE_DIR, `v${i}.js`), standaloneCode(ajv, { validate: `v${i}` })));
  writeFileSync(join(CACHE_DIR, 'ids.json'), JSON.stringify(ids));
  writeFileSync(join(CACHE_DIR, 'served.json'), JSON.stringify(Object.fromEntries([...served].map(([d, v]) => [d, v.map(([id]) => id)]))));
  writeFileSync(STAMP_FILE, stamp);
}

/** A validator that loads its standalone module on first call. */
function loadedOnFirstUse(file: string): ValidateFunction {
  let compiled: ValidateFunction | undefined;
  const validate = ((data: unknown) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    compiled ??= (require(file) as { validate: ValidateFunction }).validate;
    const valid = compiled(data) as boolean;
    validate.errors = compiled.errors;
    return valid;
  }) as ValidateFunction;
  return validate;
}

/** One strict validator per `apiVersion/kind`: from the set-up's cache when it is current, else compiled here. */
export function crdValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  if (cacheIsCurrent()) {
    const ids = JSON.parse(readFileSync(join(CACHE_DIR, 'ids.json'), 'utf8')) as string[];
    validators = new Map(ids.map((id, i) => [id, loadedOnFirstUse(join(CACHE_DIR, `v${i}.js`))]));
    return validators;
  }
  const ajv = new (ajvCompiler().Ajv)(AJV_OPTIONS);
  validators = new Map([...strictSchemas()].map(([id, schema]) => [id, ajv.compile(schema)]));
  return validators;
}

const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Problems of one object against its CRD, plus the ObjectMeta rules the CRDs leave open. */
export function crdProblems(obj: Schema): string[] {
  const id = `${obj.kind}/${obj.metadata?.name}`;
  const validate = crdValidators().get(`${obj.apiVersion}/${obj.kind}`);
  if (!validate) return [`${id}: no CRD for ${obj.apiVersion} ${obj.kind} in ${SHARED_DIR}`];
  const problems: string[] = [];
  if (!validate(obj)) {
    for (const e of validate.errors ?? []) problems.push(`${id}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  }
  const meta = obj.metadata ?? {};
  if (typeof meta.name !== 'string' || meta.name.length > 253 || !DNS_1123_SUBDOMAIN.test(meta.name)) {
    problems.push(`${id}: metadata.name is not a DNS-1123 subdomain`);
  }
  const allowedMeta = ['name', 'namespace', 'labels', 'annotations'];
  for (const k of Object.keys(meta)) if (!allowedMeta.includes(k)) problems.push(`${id}: unexpected metadata.${k}`);
  for (const field of ['labels', 'annotations'] as const) {
    for (const [k, v] of Object.entries(meta[field] ?? {})) {
      if (typeof v !== 'string') problems.push(`${id}: metadata.${field}.${k} is not a string`);
    }
  }
  return problems;
}

/** Asserts every object validates strictly against its CRD. */
export function expectValidCrds(objects: readonly Schema[]): void {
  const problems = objects.flatMap(crdProblems);
  expect(problems).toEqual([]);
}
