import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';

/**
 * The user's own Cloud Run service manifest (`services[].manifest`): a Knative Service as
 * `gcloud run services describe <name> --format export` writes it, or a Config Connector RunService. runnel keeps
 * every field it does not own and sets those it does; the fields the server sets are dropped here.
 */
export interface ServiceManifest {
  /** The path as written in the topology. */
  readonly path: string;
  /** The parsed object without server-set fields; absent when it could not be read. */
  readonly object?: Record<string, unknown>;
  /** Why it could not be read, in one line. */
  readonly problem?: string;
}

/** Manifests by the path the topology gives. */
export type ServiceManifests = ReadonlyMap<string, ServiceManifest>;

/** The largest manifest read: a service export is a few kilobytes. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * Fields an API server or Cloud Run sets on a service, dropped from a manifest: writing them back is refused
 * (`resourceVersion` of another object) or meaningless.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/
 * @see https://cloud.google.com/run/docs/reference/yaml/v1 (output-only fields)
 */
const SERVER_SET_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'ownerReferences',
];
const SERVER_SET_ANNOTATIONS = [
  'serving.knative.dev/creator',
  'serving.knative.dev/lastModifier',
  'run.googleapis.com/operation-id',
  'run.googleapis.com/ingress-status',
  'run.googleapis.com/urls',
  'run.googleapis.com/satisfiesPzs',
  'client.knative.dev/user-image',
  'run.googleapis.com/client-name',
  'run.googleapis.com/client-version',
  'kubectl.kubernetes.io/last-applied-configuration',
];

/** Reads every `services[].manifest` of a raw topology, relative to `baseDir`. Never throws. */
export function readServiceManifests(input: unknown, baseDir: string): ServiceManifests {
  const out = new Map<string, ServiceManifest>();
  const services = (input as { services?: unknown })?.services;
  if (!Array.isArray(services)) return out;
  for (const s of services) {
    const path = (s as { manifest?: unknown })?.manifest;
    if (typeof path !== 'string' || out.has(path)) continue;
    out.set(path, readOne(path, isAbsolute(path) ? path : resolve(baseDir, path)));
  }
  return out;
}

function readOne(path: string, file: string): ServiceManifest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { path, problem: `cannot read ${JSON.stringify(path)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return parseServiceManifest(text, path);
}

/** Parses manifest text; a problem comes back in `problem`. */
export function parseServiceManifest(text: string, path: string): ServiceManifest {
  if (text.length > MAX_MANIFEST_BYTES) return { path, problem: `${JSON.stringify(path)} is larger than 1 MiB` };
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return { path, problem: `${JSON.stringify(path)} is not YAML: ${doc.errors[0].message.split('\n')[0]}` };
  const object = doc.toJS() as unknown;
  if (!object || typeof object !== 'object' || Array.isArray(object)) return { path, problem: `${JSON.stringify(path)} holds no object` };
  return { path, object: withoutServerFields(object as Record<string, unknown>) };
}

/** The object without `status` and the metadata and annotations the server sets, at the service and revision level. */
export function withoutServerFields(object: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, ...rest } = object;
  const clean = (meta: unknown) => {
    if (!meta || typeof meta !== 'object') return meta;
    const m = Object.fromEntries(Object.entries(meta as Record<string, unknown>).filter(([k]) => !SERVER_SET_METADATA.includes(k)));
    if (m.annotations && typeof m.annotations === 'object') {
      const annotations = Object.fromEntries(
        Object.entries(m.annotations as Record<string, unknown>).filter(([k]) => !SERVER_SET_ANNOTATIONS.includes(k)),
      );
      if (Object.keys(annotations).length) m.annotations = annotations;
      else delete m.annotations;
    }
    return m;
  };
  const out: Record<string, unknown> = { ...rest, ...(rest.metadata ? { metadata: clean(rest.metadata) } : {}) };
  const spec = out.spec as { template?: { metadata?: unknown } } | undefined;
  if (spec?.template?.metadata) out.spec = { ...spec, template: { ...spec.template, metadata: clean(spec.template.metadata) } };
  return out;
}
