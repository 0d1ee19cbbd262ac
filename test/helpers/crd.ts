import Ajv, { ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
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
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: { type: 'object', additionalProperties: false, properties: {} } },
    additionalProperties: false,
  },
};

/** One strict validator per `apiVersion/kind`, for every served version of every vendored CRD. */
export function crdValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  validators = new Map();
  for (const [id, schema] of Object.entries(CORE_SCHEMAS)) validators.set(id, ajv.compile(schema));
  // Argo CD's own JSON Schemas (kubeconform layout: <group>/<kind>_<version>.json).
  const argo = join(SHARED_DIR, 'schemas', 'argoproj.io');
  for (const file of readdirSync(argo).filter((f) => f.endsWith('.json')).sort()) {
    const [kind, version] = file.replace(/\.json$/, '').split('_');
    const schema = strictify(JSON.parse(readFileSync(join(argo, file), 'utf8')));
    const kindName = ({ application: 'Application', applicationset: 'ApplicationSet', appproject: 'AppProject' } as Record<string, string>)[kind] ?? kind;
    validators.set(`argoproj.io/${version}/${kindName}`, ajv.compile(schema));
  }
  for (const dir of CRD_DIRS) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS())) {
        if (doc?.kind !== 'CustomResourceDefinition') continue;
        for (const version of doc.spec.versions.filter((v: Schema) => v.served)) {
          const schema = strictify(version.schema.openAPIV3Schema);
          validators.set(`${doc.spec.group}/${version.name}/${doc.spec.names.kind}`, ajv.compile(schema));
        }
      }
    }
  }
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
