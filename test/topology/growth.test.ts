import fc from 'fast-check';
import { synthesizeTopology } from '../../src/synth';

// Issue 11 item 8 and the acceptance property: growing or shrinking a topology never changes another service's
// objects. A service is toggled in or out of a random topology (at a random position in the file); every file
// that belongs to a service it does not call must stay byte for byte the same, load balancer addresses included.

/**
 * Files that belong to one service, by the service's name. The properties compare them as JSON and call jest's
 * expect() only to report a difference (~0.1 ms a call, which builds every matcher; ~1,000 calls a run).
 */
function ownFiles(files: readonly { path: string; content: string }[], name: string): Record<string, string> {
  const own = new RegExp(`^(cloud-run/|cloud-run-iam/|config-connector/(service|identity|invokers|load-balancer)-)${name}\\.yaml$`);
  return Object.fromEntries(files.filter((f) => own.test(f.path)).map((f) => [f.path, f.content]));
}

const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}-?[a-z0-9]{1,6}$/).filter((n) => !n.endsWith('-'));
const service = (names: readonly string[]) =>
  fc.record(
    {
      image: fc.constant('asia-northeast1-docker.pkg.dev/acme-prod/run/app:1.0.0'),
      egress: fc.option(
        fc.record({ via: fc.constantFrom('connector', 'direct-vpc'), route: fc.constantFrom('private-ranges-only', 'all-traffic') }),
        { nil: undefined },
      ),
      internet: fc.option(fc.constant(true), { nil: undefined }),
      calls: fc.subarray([...names], { maxLength: 2 }),
      loadBalancer: fc.option(
        fc.oneof(fc.constant({}), fc.constant({ address: '10.10.0.9' }), fc.constant({ https: { sslCertificate: 'c1' }, http: true })),
        { nil: undefined, freq: 3 },
      ),
      ingress: fc.option(fc.constant('all'), { nil: undefined, freq: 4 }),
      public: fc.option(fc.constant(true), { nil: undefined, freq: 4 }),
      invokers: fc.option(fc.constant(['group:ops@acme.example']), { nil: undefined, freq: 4 }),
      startupProbe: fc.option(fc.constant({ path: '/ready', failureThreshold: 12 }), { nil: undefined, freq: 3 }),
    },
    { requiredKeys: ['image', 'calls'] },
  );

const scenario = fc.uniqueArray(name, { minLength: 2, maxLength: 9 }).chain((names) =>
  fc.record({
    names: fc.constant(names),
    specs: fc.tuple(...names.map(() => service(names))),
    // A small workload subnet, so derived addresses often meet.
    workload: fc.constantFrom('10.10.0.0/28', '10.10.0.0/27', '10.10.0.0/24'),
    dns: fc.boolean(),
    cloudRun: fc.constantFrom('knative', 'config-connector'),
    toggled: fc.nat(names.length - 1),
  }),
);

test('adding or removing a service changes no other service objects', () => {
  let compared = 0;
  fc.assert(
    fc.property(scenario, ({ names, specs, workload, dns, cloudRun, toggled }) => {
      const gone = names[toggled];
      const services = names.map((n, i) => {
        const s: any = { name: n, ...specs[i], calls: specs[i].calls.filter((c) => c !== n && c !== gone) };
        if (s.egress?.route !== 'all-traffic' || !s.egress) delete s.internet;
        if (s.calls.length > 0 && !s.egress) s.egress = { via: 'direct-vpc', route: 'private-ranges-only' };
        if (s.public) s.ingress = 'all';
        if (s.loadBalancer?.https && !dns) s.loadBalancer = {};
        return s;
      });
      const topology = (list: any[]) => ({
        project: 'acme-prod',
        region: 'asia-northeast1',
        network: { name: 'run-vpc', subnets: { workload: { cidr: workload } } },
        ...(dns ? { dns: { domain: 'internal.acme.example' } } : {}),
        delivery: { cloudRun },
        services: list,
      });
      // Refused (about half the drawn topologies): nothing to compare, so the smaller one is not synthesized for nothing.
      const withIt = synthesizeTopology(topology(services));
      if (withIt.files.length === 0) return;
      const without = synthesizeTopology(topology(services.filter((s) => s.name !== gone)));
      if (without.files.length === 0) return; // refused: nothing to compare
      compared++;
      const calledByIt = new Set(services[toggled].calls);
      for (const other of names.filter((n) => n !== gone && !calledByIt.has(n))) {
        const [before, after] = [ownFiles(without.files, other), ownFiles(withIt.files, other)];
        if (JSON.stringify(before) !== JSON.stringify(after))
          expect({ service: other, files: before }).toEqual({ service: other, files: after });
      }
    }),
    { numRuns: 120, seed: 20261201 },
  );
  // Enough topologies must synthesize both ways, or the property says nothing.
  expect(compared).toBeGreaterThan(40);
});

// Issue 19: the same with every callee behind the shared load balancer. A service's own files (its NEG, backend
// service and DNS record among them) stay byte for byte the same, and so does the shared address; only the shared
// URL map (a host rule more or less) may change.
test('shared load balancing: adding or removing a service changes no other service objects, nor the shared address', () => {
  let compared = 0;
  fc.assert(
    fc.property(scenario, ({ names, specs, workload, cloudRun, toggled }) => {
      const gone = names[toggled];
      const services = names.map((n, i) => {
        const s: any = { name: n, ...specs[i], calls: specs[i].calls.filter((c) => c !== n && c !== gone) };
        if (s.egress?.route !== 'all-traffic' || !s.egress) delete s.internet;
        if (s.calls.length > 0 && !s.egress) s.egress = { via: 'direct-vpc', route: 'private-ranges-only' };
        if (s.public) s.ingress = 'all';
        // Frontend settings belong to loadBalancing in shared mode (lb-settings-match-mode).
        if (s.loadBalancer) s.loadBalancer = {};
        return s;
      });
      const topology = (list: any[]) => ({
        project: 'acme-prod',
        region: 'asia-northeast1',
        network: { name: 'run-vpc', subnets: { workload: { cidr: workload } } },
        dns: { domain: 'internal.acme.example' },
        loadBalancing: { mode: 'shared' },
        delivery: { cloudRun },
        services: list,
      });
      const withIt = synthesizeTopology(topology(services));
      if (withIt.files.length === 0) return; // refused: nothing to compare
      const without = synthesizeTopology(topology(services.filter((s) => s.name !== gone)));
      if (without.files.length === 0) return;
      compared++;
      const calledByIt = new Set(services[toggled].calls);
      for (const other of names.filter((n) => n !== gone && !calledByIt.has(n))) {
        const [before, after] = [ownFiles(without.files, other), ownFiles(withIt.files, other)];
        if (JSON.stringify(before) !== JSON.stringify(after))
          expect({ service: other, files: before }).toEqual({ service: other, files: after });
      }
      const address = (files: typeof withIt.files) =>
        files.flatMap((f) => f.objects as any[]).find((o) => o.kind === 'ComputeAddress' && o.metadata.name === 'run-vpc-lb-ip');
      const [a, b] = [address(withIt.files), address(without.files)];
      if (a && b) expect(b).toEqual(a);
    }),
    { numRuns: 80, seed: 20261201 },
  );
  expect(compared).toBeGreaterThan(30);
});

// Issue 11 item 7: `internet: false` holds for all-traffic services: Cloud NAT never serves the subnet they egress
// from. Read from the output alone: the revision's egress annotations, the connector's subnet and the NAT's list.
test('Cloud NAT never serves a subnet an internet: false all-traffic service egresses from', () => {
  let natted = 0;
  fc.assert(
    fc.property(scenario, fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }), ({ names, specs }, internet) => {
      const services = names.map((n, i) => ({ name: n, image: specs[i].image, egress: specs[i].egress, internet: internet[i] }));
      const result = synthesizeTopology({ project: 'acme-prod', region: 'asia-northeast1', network: { name: 'run-vpc' }, services });
      if (result.files.length === 0) return;
      const objects = result.files.flatMap((f) => f.objects as any[]);
      const nat = objects.find((o) => o.kind === 'ComputeRouterNAT');
      const servedSubnets = new Set<string>((nat?.spec.subnetwork ?? []).map((s: any) => s.subnetworkRef.name));
      if (servedSubnets.size > 0) natted++;
      const connectorSubnet = objects.find((o) => o.kind === 'VPCAccessConnector')?.spec.subnet.nameRef.name;
      for (const s of services.filter((x) => !x.internet)) {
        const annotations =
          objects.find((o) => o.kind === 'Service' && o.metadata.name === s.name).spec.template.metadata.annotations ?? {};
        if (annotations['run.googleapis.com/vpc-access-egress'] !== 'all-traffic') continue;
        const subnet = annotations['run.googleapis.com/network-interfaces']
          ? JSON.parse(annotations['run.googleapis.com/network-interfaces'])[0].subnetwork
          : connectorSubnet;
        expect({ service: s.name, natServes: servedSubnets.has(subnet) }).toEqual({ service: s.name, natServes: false });
      }
    }),
    { numRuns: 150, seed: 20261202 },
  );
  expect(natted).toBeGreaterThan(20);
});
