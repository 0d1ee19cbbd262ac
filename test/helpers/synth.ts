import { App, Testing } from 'cdk8s';
import { serialize } from 'node:v8';
import { parse } from 'yaml';
import { synthesizeTopology } from '../../src/synth';
import { TopologySpec } from '../../src/input/spec';
import { RenderedFile } from '../../src/output/render';
import { ServiceManifests } from '../../src/input/service-manifest';

export type Obj = Record<string, any>;

let base: unknown;

const BASE_TOPOLOGY = `
project: acme-prod
region: asia-northeast1
network:
  name: run-vpc
services:
  - name: client-service
    image: asia-northeast1-docker.pkg.dev/acme-prod/run/client:1.4.2
    egress: { via: direct-vpc, route: private-ranges-only }
    startupProbe: { path: /ready }
    calls: [server-service]
  - name: server-service
    image: asia-northeast1-docker.pkg.dev/acme-prod/run/server:2.0.0
    ingress: internal
`;

/** A small valid topology to mutate in tests: client → server through the internal load balancer. */
export function baseTopology(): any {
  // Parsed once per test file (~1,000 calls per run); each caller gets its own deep copy to mutate.
  base ??= parse(BASE_TOPOLOGY);
  return structuredClone(base);
}

/** Synthesizes and fails the test on any error finding. */
export function synth(spec: TopologySpec | unknown, manifests?: ServiceManifests): { files: readonly RenderedFile[]; objects: Obj[] } {
  // A copy through JSON (what the files hold is JSON: the rendered manifests), made in this file's realm: structuredClone
  // makes Node's own objects, whose prototype is not jest's sandbox Object.prototype.
  const files = JSON.parse(JSON.stringify(synthesizedFiles(spec, manifests))) as RenderedFile[];
  return { files, objects: files.flatMap((f) => f.objects as Obj[]) };
}

/**
 * Synthesized files by input, for this test file (for the aggregates test/units-a.test.ts, test/units-b.test.ts and
 * test/rules/rules.test.ts, for all the files they run): the default topology and the goldens are synthesized by many tests (28 repeats, ~0.6 s, counted
 * over a run). `synth` hands each caller its own copy. The key is the input's exact bytes (v8.serialize tells
 * undefined, NaN and -0 apart); an input it cannot serialize, or one with service manifests, is not kept.
 */
const synthesized = new Map<string, readonly RenderedFile[]>();

function synthesizedFiles(spec: unknown, manifests: ServiceManifests | undefined): readonly RenderedFile[] {
  let key: string | undefined;
  try {
    key = manifests === undefined ? serialize(spec).toString('latin1') : undefined;
  } catch {
    key = undefined;
  }
  const kept = key === undefined ? undefined : synthesized.get(key);
  if (kept) return kept;
  const result = synthesizeTopology(spec, undefined, { manifests });
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(`unexpected findings:\n${errors.map((f) => `${f.path}: ${f.message}`).join('\n')}`);
  if (key !== undefined) synthesized.set(key, result.files);
  return result.files;
}

export function find(objects: Obj[], kind: string, name?: string): Obj {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0];
}

export function all(objects: Obj[], kind: string): Obj[] {
  return objects.filter((o) => o.kind === kind);
}

/**
 * `kind/name` of every object whose name the topology decides: all but the serviceusage `Service`s, named
 * `<api>.googleapis.com` after the APIs the output needs (src/project/required-apis.ts). No other object can take
 * such a name: a Cloud Run service's name holds no dot.
 */
export function topologyNamedIds(objects: Obj[]): string[] {
  // A Knative Service of one name in several regions is one name (each region's copy is its own Cloud Run service).
  const knative = new Map<string, string>();
  return objects
    .filter((o) => !String(o.apiVersion).startsWith('serviceusage.'))
    .filter((o) => {
      if (!String(o.apiVersion).startsWith('serving.knative.dev/')) return true;
      const location = o.metadata.labels?.['cloud.googleapis.com/location'];
      const first = knative.get(o.metadata.name);
      if (first === undefined) knative.set(o.metadata.name, location);
      return first === undefined || first === location;
    })
    .map((o) => `${o.kind}/${o.metadata.name}`);
}

/**
 * Turns the base topology (or one like it) into a two-region one: both services in asia-northeast1 and
 * asia-northeast2 with a warm instance each, callers reaching the server by its private DNS name.
 */
export function twoRegions(t: any): any {
  delete t.region;
  t.regions = ['asia-northeast1', 'asia-northeast2'];
  t.dns = { domain: 'internal.acme.example' };
  for (const s of t.services) {
    s.regions = ['asia-northeast1', 'asia-northeast2'];
    s.failover = { minInstancesPerRegion: 1 };
  }
  return t;
}

/**
 * A cdk8s app for construct tests, rendered in memory (`Testing.synth`): cdk8s' `Testing.app()` makes a folder in
 * the temp directory for every app and never removes it (~180 per run of the suite); this app names a folder it
 * never writes (as `synthesizeTopology` does).
 */
export function testApp(): App {
  return Testing.app({ outdir: 'unused' });
}
