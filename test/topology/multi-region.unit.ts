import fc from 'fast-check';
import { synthesizeTopology } from '../../src/synth';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTopology } from '../../src/input/load';
import { expectValidCrds } from '../helpers/crd';
import { baseTopology, Obj, synth, twoRegions } from '../helpers/synth';

const golden = (name: string) =>
  synth(parseTopology(readFileSync(join(__dirname, '..', 'golden', name, 'topology.yaml'), 'utf8'), 'topology.yaml').input);

const of = (objects: Obj[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: Obj[], kind: string, name: string) => {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};
const negName = (path: string) => /\/networkEndpointGroups\/([^/]+)$/.exec(path)![1];

describe('two regions with failover (Knative)', () => {
  const { files, objects } = golden('two-region-failover');
  const services = of(objects, 'Service').filter((o) => o.apiVersion === 'serving.knative.dev/v1');

  test.each(['api', 'ledger'])('%s: one global backend service whose NEGs point at its service in each region', (name) => {
    const bes = named(objects, 'ComputeBackendService', `${name}-bes`);
    expect(bes.spec.location).toBe('global');
    expect(bes.spec.loadBalancingScheme).toBe('INTERNAL_MANAGED');
    const negs = bes.spec.backend.map((b: Obj) =>
      named(objects, 'ComputeRegionNetworkEndpointGroup', negName(b.group.networkEndpointGroupRef.external)),
    );
    expect(negs.map((n: Obj) => n.spec.region)).toEqual(['europe-west1', 'europe-west4']);
    for (const neg of negs) {
      // The path's region is the NEG's, and the NEG names the service that runs in that region.
      expect(bes.spec.backend.some((b: Obj) => b.group.networkEndpointGroupRef.external.includes(`/regions/${neg.spec.region}/`))).toBe(
        true,
      );
      expect(neg.spec.cloudRun.serviceRef.external).toBe(name);
      const service = services.filter(
        (s) => s.metadata.name === name && s.metadata.labels['cloud.googleapis.com/location'] === neg.spec.region,
      );
      expect(service).toHaveLength(1);
    }
  });

  test('outlier detection ejects a failing region (consecutive 5xx and gateway failures are enforced)', () => {
    for (const bes of of(objects, 'ComputeBackendService')) {
      expect(bes.spec.outlierDetection.enforcingConsecutiveErrors).toBe(100);
      expect(bes.spec.outlierDetection.enforcingConsecutiveGatewayFailure).toBe(100);
      expect(bes.spec.outlierDetection.maxEjectionPercent).toBeGreaterThanOrEqual(50);
    }
  });

  test("each region's forwarding rules sit in that region's workload subnet, on that region's address", () => {
    const subnets = new Map(of(objects, 'ComputeSubnetwork').map((s) => [s.metadata.name, s]));
    const rules = of(objects, 'ComputeForwardingRule').filter((r) => r.metadata.name.startsWith('api-'));
    expect(rules.map((r) => r.metadata.name).sort()).toEqual(['api-http', 'api-http-europe-west4', 'api-https', 'api-https-europe-west4']);
    for (const rule of rules) {
      expect(rule.spec.location).toBe('global');
      const subnet = subnets.get(rule.spec.subnetworkRef.name)!;
      const address = named(objects, 'ComputeAddress', rule.spec.ipAddress.addressRef.name);
      const region = rule.metadata.name.endsWith('-europe-west4') ? 'europe-west4' : 'europe-west1';
      expect(subnet.spec.region).toBe(region);
      expect(subnet.spec.purpose).toBe('PRIVATE');
      expect(address.spec.location).toBe(region);
      expect(address.spec.subnetworkRef.name).toBe(subnet.metadata.name);
      // The address lies in the region's range (10.20.0.0/24 was set for europe-west4).
      expect(address.spec.address.startsWith(region === 'europe-west4' ? '10.20.0.' : '10.10.0.')).toBe(true);
    }
  });

  test('each region with a forwarding rule has an active GLOBAL_MANAGED_PROXY subnet; no regional proxy-only subnet there', () => {
    const proxies = of(objects, 'ComputeSubnetwork').filter((s) => s.spec.purpose === 'GLOBAL_MANAGED_PROXY');
    expect(proxies.map((s) => [s.metadata.name, s.spec.region, s.spec.role])).toEqual([
      ['run-vpc-global-proxy', 'europe-west1', 'ACTIVE'],
      ['run-vpc-global-proxy-europe-west4', 'europe-west4', 'ACTIVE'],
    ]);
    expect(of(objects, 'ComputeSubnetwork').filter((s) => s.spec.purpose === 'REGIONAL_MANAGED_PROXY')).toEqual([]);
  });

  test("the geo DNS record answers each region with that region's frontend, health checked", () => {
    const record = named(objects, 'DNSRecordSet', 'run-vpc-private-api-a');
    expect(record.spec.rrdatas).toBeUndefined();
    const items = record.spec.routingPolicy.geo;
    expect(items.map((i: Obj) => i.location)).toEqual(['europe-west1', 'europe-west4']);
    for (const item of items) {
      const targets = item.healthCheckedTargets.internalLoadBalancers;
      expect(targets.map((t: Obj) => t.port).sort()).toEqual(['443', '80']);
      for (const t of targets) {
        expect(t.loadBalancerType).toBe('globalL7ilb');
        expect(named(objects, 'ComputeAddress', t.ipAddressRef.name).spec.location).toBe(item.location);
      }
    }
  });

  test("callers in every region get the callee's DNS URL and egress through their own region's subnet or connector", () => {
    const web = services.filter((s) => s.metadata.name === 'web');
    expect(web).toHaveLength(2);
    for (const s of web) {
      const region = s.metadata.labels['cloud.googleapis.com/location'];
      expect(s.spec.template.spec.containers[0].env).toContainEqual({ name: 'API_URL', value: 'https://api.internal.acme.example' });
      const nic = JSON.parse(s.spec.template.metadata.annotations['run.googleapis.com/network-interfaces']);
      expect(nic[0].subnetwork).toBe(region === 'europe-west1' ? 'run-vpc-direct' : 'run-vpc-direct-europe-west4');
      expect(s.spec.template.metadata.annotations['autoscaling.knative.dev/minScale']).toBe('1');
    }
    const api = services
      .filter((s) => s.metadata.name === 'api')
      .map((s) => s.spec.template.metadata.annotations['run.googleapis.com/vpc-access-connector'].split('/').pop());
    expect(api).toEqual(['run-vpc-conn', 'run-vpc-conn-europe-west4']);
  });

  test('a one-region service stays in the first region, with its one-region files', () => {
    const reports = services.filter((s) => s.metadata.name === 'reports');
    expect(reports.map((s) => s.metadata.labels['cloud.googleapis.com/location'])).toEqual(['europe-west1']);
    expect(files.map((f) => f.path)).toContain('cloud-run/reports.yaml');
    expect(files.map((f) => f.path)).toContain('cloud-run/europe-west4/web.yaml');
  });
});

describe('two regions in Config Connector format', () => {
  const { objects } = golden('two-region-config-connector');

  test("each NEG names the RunService of its own region; a later region's RunService keeps the service's name as resourceID", () => {
    for (const neg of of(objects, 'ComputeRegionNetworkEndpointGroup')) {
      const run = named(objects, 'RunService', neg.spec.cloudRun.serviceRef.name);
      expect(run.spec.location).toBe(neg.spec.region);
      expect(run.spec.resourceID ?? run.metadata.name).toBe('server-service');
    }
    expect(named(objects, 'RunService', 'server-service-asia-northeast2').spec.resourceID).toBe('server-service');
    expect(named(objects, 'RunService', 'server-service').spec.resourceID).toBeUndefined();
  });

  test("the caller's account may invoke the callee in each region", () => {
    const grants = of(objects, 'IAMPolicyMember').filter((g) => g.spec.role === 'roles/run.invoker');
    expect(grants.map((g) => g.spec.resourceRef.name).sort()).toEqual(['server-service', 'server-service-asia-northeast2']);
  });
});

describe('names are permanent', () => {
  test('a second region that no service uses changes no manifest', () => {
    const one = synth(baseTopology());
    const t = baseTopology();
    delete t.region;
    t.regions = ['asia-northeast1', 'asia-northeast2'];
    const two = synth(t);
    // Every manifest is byte-identical; only the diagram names the second region.
    const manifests = (files: typeof one.files) => files.filter((f) => f.path !== 'TOPOLOGY.md').map((f) => [f.path, f.content]);
    expect(manifests(two.files)).toEqual(manifests(one.files));
  });

  test("moving a service into a second region keeps every object of the first region's, except the load balancer it now needs", () => {
    const t = twoRegions(baseTopology());
    t.services[0].regions = ['asia-northeast1'];
    delete t.services[0].failover;
    t.services[1].regions = ['asia-northeast1'];
    delete t.services[1].failover;
    const before = synth(t);
    t.services[0].regions = ['asia-northeast1', 'asia-northeast2'];
    t.services[1].regions = ['asia-northeast1', 'asia-northeast2'];
    const after = synth(t);
    const ids = (objects: Obj[]) => new Set(objects.map((o) => `${o.kind}/${o.metadata.name}`));
    const kept = ids(after.objects);
    // Nothing of the caller's is renamed; the callee's regional frontend becomes global (same names, new location).
    for (const id of ids(before.objects)) if (!id.startsWith('ComputeSubnetwork/run-vpc-proxy-only')) expect(kept).toContain(id);
    expectValidCrds(after.objects);
  });
});

describe('shared mode in two regions', () => {
  const { objects } = golden('two-region-shared');

  test('each host rule of the global URL map leads to its backend service, whose NEGs point at the service in each region', () => {
    const urlMap = named(objects, 'ComputeURLMap', 'run-vpc-lb-global-urlmap');
    expect(urlMap.spec.location).toBe('global');
    for (const rule of urlMap.spec.hostRule) {
      const service = rule.hosts[0].split('.')[0];
      const matcher = urlMap.spec.pathMatcher.find((m: Obj) => m.name === rule.pathMatcher);
      const bes = named(objects, 'ComputeBackendService', matcher.defaultService.backendServiceRef.name);
      expect(bes.spec.location).toBe('global');
      expect(bes.spec.outlierDetection).toBeDefined();
      const negs = bes.spec.backend.map((b: Obj) =>
        named(objects, 'ComputeRegionNetworkEndpointGroup', negName(b.group.networkEndpointGroupRef.external)),
      );
      expect(negs.map((n: Obj) => [n.spec.cloudRun.serviceRef.external, n.spec.region])).toEqual([
        [service, 'europe-west1'],
        [service, 'europe-west4'],
      ]);
    }
    expect(urlMap.spec.hostRule.map((r: Obj) => r.hosts[0])).toEqual(['api.internal.acme.example', 'ledger.internal.acme.example']);
  });

  test("a one-region callee stays on the regional shared load balancer; multi-region callees' names answer with the shared global frontends", () => {
    const regional = named(objects, 'ComputeURLMap', 'run-vpc-lb-urlmap');
    expect(regional.spec.hostRule.map((r: Obj) => r.hosts[0])).toEqual(['reports.internal.acme.example']);
    for (const name of ['api', 'ledger']) {
      const record = named(objects, 'DNSRecordSet', `run-vpc-private-${name}-a`);
      for (const item of record.spec.routingPolicy.geo) {
        for (const t of item.healthCheckedTargets.internalLoadBalancers) {
          const address = named(objects, 'ComputeAddress', t.ipAddressRef.name);
          expect(address.metadata.name.startsWith('run-vpc-lb-global-ip')).toBe(true);
          expect(address.spec.location).toBe(item.location);
        }
      }
    }
    // One forwarding rule per port and region for all multi-region callees.
    expect(of(objects, 'ComputeForwardingRule').filter((r) => r.spec.location === 'global')).toHaveLength(4);
  });
});

describe('growth in two regions', () => {
  // As test/topology/growth.test.ts for one region: toggling a service in or out changes no other service's files,
  // in any region (each region's service file, invoker policy or grants, and its cross-region load balancer file).
  const ownFiles = (files: readonly { path: string; content: string }[], n: string) =>
    Object.fromEntries(
      files
        .filter((f) =>
          new RegExp(
            `^(cloud-run/([a-z0-9-]+/)?|cloud-run-iam/([a-z0-9-]+/)?|config-connector/(service|identity|invokers|load-balancer)-)${n}(-asia-northeast2)?\\.yaml$`,
          ).test(f.path),
        )
        .map((f) => [f.path, f.content]),
    );
  const REGIONS = ['asia-northeast1', 'asia-northeast2'];
  const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
  const scenario = fc.uniqueArray(name, { minLength: 2, maxLength: 6 }).chain((names) =>
    fc.record({
      names: fc.constant(names),
      specs: fc.tuple(
        ...names.map(() =>
          fc.record({
            calls: fc.subarray([...names], { maxLength: 2 }),
            regions: fc.constantFrom([REGIONS[0]], REGIONS),
            via: fc.constantFrom('connector', 'direct-vpc'),
          }),
        ),
      ),
      cloudRun: fc.constantFrom('knative', 'config-connector'),
      toggled: fc.nat(names.length - 1),
    }),
  );

  test('adding or removing a service changes no other service objects', () => {
    let compared = 0;
    fc.assert(
      fc.property(scenario, ({ names, specs, cloudRun, toggled }) => {
        const gone = names[toggled];
        const services = names.map((n, i) => ({
          name: n,
          image: 'asia-northeast1-docker.pkg.dev/acme-prod/run/app:1.0.0',
          regions: specs[i].regions,
          ...(specs[i].regions.length > 1 ? { failover: { minInstancesPerRegion: 1 } } : {}),
          egress: { via: specs[i].via },
          startupProbe: { path: '/ready' },
          // A caller calls only services running wherever it runs (callers-in-callee-regions).
          calls: specs[i].calls.filter(
            (c) => c !== n && c !== gone && specs[i].regions.every((r) => specs[names.indexOf(c)].regions.includes(r)),
          ),
        }));
        const topology = (list: unknown[]) => ({
          project: 'acme-prod',
          regions: REGIONS,
          network: { name: 'net', connector: { name: 'conn' } },
          dns: { domain: 'internal.acme.example' },
          delivery: { cloudRun },
          services: list,
        });
        const withIt = synthesizeTopology(topology(services));
        const without = synthesizeTopology(topology(services.filter((s) => s.name !== gone)));
        if (withIt.files.length === 0 || without.files.length === 0) return; // refused (a caller outside its callee's regions)
        compared++;
        const calledByIt = new Set(services[toggled].calls);
        for (const other of names.filter((n) => n !== gone && !calledByIt.has(n))) {
          expect({ service: other, files: ownFiles(without.files, other) }).toEqual({
            service: other,
            files: ownFiles(withIt.files, other),
          });
        }
      }),
      { numRuns: 40, seed: 20261201 },
    );
    expect(compared).toBeGreaterThan(10);
  });
});
