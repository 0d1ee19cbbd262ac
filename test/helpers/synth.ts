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
  return objects.filter((o) => !String(o.apiVersion).startsWith('serviceusage.')).map((o) => `${o.kind}/${o.metadata.name}`);
}
