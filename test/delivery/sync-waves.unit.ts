import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTopology } from '../../src/input/load';
import { readServiceManifests, ServiceManifests } from '../../src/input/service-manifest';
import { isKccObject, referencesOf } from '../../src/delivery/references';
import { Obj, synth } from '../helpers/synth';
import { benchTopology } from '../../bench/topology';

const wave = (o: Obj) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
const named = (objects: Obj[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;

const goldens = readdirSync(join(__dirname, '..', 'golden'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
/** A topology with environments is checked one environment at a time: each is applied on its own. */
const perEnvironment = ([name, input, manifests]: [string, any, ServiceManifests?]): Array<[string, unknown, ServiceManifests?]> =>
  input.environments
    ? Object.keys(input.environments).map((e) => [`${name} ${e}`, { ...input, environments: { [e]: input.environments[e] } }, manifests])
    : [[name, input, manifests]];
const topologies: Array<[string, unknown, ServiceManifests?]> = [
  ...goldens.flatMap((g) => {
    const input = parseTopology(readFileSync(join(__dirname, '..', 'golden', g, 'topology.yaml'), 'utf8'), 'topology.yaml').input;
    return perEnvironment([g, input, readServiceManifests(input, join(__dirname, '..', 'golden', g))]);
  }),
  ['default', parseTopology(readFileSync(join(__dirname, '..', '..', 'topology.yaml'), 'utf8'), 'topology.yaml').input, undefined],
  ['bench-60', benchTopology(60), undefined],
  ['bench-60 shared load balancer', benchTopology(60, { loadBalancing: 'shared' }), undefined],
];

describe.each(topologies)('sync waves of %s', (_name, input, manifests) => {
  const { objects } = synth(input, manifests);
  const applied = objects.filter((o) => isKccObject(o) || o.kind === 'Namespace');

  // Each check lists the objects that break it and asserts the list is empty: the bench topologies have hundreds of
  // objects and references, and jest's expect() costs ~0.1 ms a call (it builds every matcher).
  test('every applied object has a wave; Knative Services have none', () => {
    expect(applied.filter((o) => !Number.isInteger(wave(o))).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    const knative = objects.filter((x) => x.apiVersion === 'serving.knative.dev/v1');
    expect(knative.filter((o) => o.metadata.annotations['argocd.argoproj.io/sync-wave'] !== undefined).map((o) => o.metadata.name)).toEqual(
      [],
    );
  });

  test('no object comes before anything it references', () => {
    const misordered: string[] = [];
    for (const o of applied) {
      for (const ref of referencesOf(o)) {
        const target = named(objects, ref.kind!, ref.name);
        if (!(wave(target) < wave(o))) misordered.push(`${o.kind}/${o.metadata.name} -> ${target.kind}/${target.metadata.name}`);
      }
    }
    expect(misordered).toEqual([]);
  });

  test('nor before what it needs without naming it: the proxy-only subnet, the NEG path, the peering, the namespace', () => {
    const regionalProxyOnly = applied.filter((o) => o.kind === 'ComputeSubnetwork' && o.spec.purpose === 'REGIONAL_MANAGED_PROXY');
    for (const rule of applied.filter((o) => o.kind === 'ComputeForwardingRule' && o.spec.loadBalancingScheme === 'INTERNAL_MANAGED')) {
      // A cross-region load balancer's (global) rule needs the GLOBAL_MANAGED_PROXY subnet of its own subnet's region.
      const region = applied.find((o) => o.kind === 'ComputeSubnetwork' && o.metadata.name === rule.spec.subnetworkRef?.name)?.spec.region;
      const proxyOnly =
        rule.spec.location === 'global'
          ? applied.filter((o) => o.kind === 'ComputeSubnetwork' && o.spec.purpose === 'GLOBAL_MANAGED_PROXY' && o.spec.region === region)
          : regionalProxyOnly;
      // On an existing network the proxy-only subnet exists already (the rule names its subnet by path).
      if (rule.spec.subnetworkRef?.external !== undefined) {
        expect(proxyOnly).toEqual([]);
        continue;
      }
      expect(proxyOnly.length).toBeGreaterThan(0);
      for (const subnet of proxyOnly) expect(wave(subnet)).toBeLessThan(wave(rule));
    }
    for (const bes of applied.filter((o) => o.kind === 'ComputeBackendService')) {
      const path: string = bes.spec.backend[0].group.networkEndpointGroupRef.external;
      expect(wave(named(objects, 'ComputeRegionNetworkEndpointGroup', path.split('/').pop()!))).toBeLessThan(wave(bes));
    }
    for (const rule of applied.filter((o) => o.kind === 'ComputeForwardingRule' && o.spec.ipAddress?.addressRef?.external)) {
      const path: string = rule.spec.ipAddress.addressRef.external;
      expect(wave(named(objects, 'ComputeAddress', path.split('/').pop()!))).toBeLessThan(wave(rule));
    }
    for (const redis of applied.filter((o) => o.kind === 'RedisInstance' && o.spec.connectMode === 'PRIVATE_SERVICE_ACCESS')) {
      expect(wave(applied.find((o) => o.kind === 'ServiceNetworkingConnection')!)).toBeLessThan(wave(redis));
    }
    const ns = applied.find((o) => o.kind === 'Namespace');
    if (ns) expect(applied.filter((x) => x !== ns && !(wave(ns) < wave(x))).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });
});
