import { App, Testing } from 'cdk8s';
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
  const result = synthesizeTopology(spec, undefined, { manifests });
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(`unexpected findings:\n${errors.map((f) => `${f.path}: ${f.message}`).join('\n')}`);
  return { files: result.files, objects: result.files.flatMap((f) => f.objects as Obj[]) };
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
