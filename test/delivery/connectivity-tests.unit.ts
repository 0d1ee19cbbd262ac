import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { all, baseTopology, Obj, synth } from '../helpers/synth';
import { expectValidCrds } from '../helpers/crd';
import { checkReferences } from '../../src/delivery/references';
import { validateTopology } from '../../src/validate/engine';

const repo = join(__dirname, '..', '..');

function withTests(mutate: (t: any) => void = () => undefined): any {
  const t = baseTopology();
  t.delivery = { connectivityTests: true };
  mutate(t);
  return t;
}

describe('delivery.connectivityTests', () => {
  test('GIVEN the default topology without the option THEN no Connectivity Test is emitted', () => {
    const { objects } = synth(parse(readFileSync(join(repo, 'topology.yaml'), 'utf8')));
    expect(all(objects, 'NetworkManagementConnectivityTest')).toEqual([]);
  });

  test('GIVEN client -> server through the load balancer WHEN enabled THEN one test from the Direct VPC subnet to the LB address on :80', () => {
    const { objects, files } = synth(withTests());
    const tests = all(objects, 'NetworkManagementConnectivityTest');
    expect(tests.map((t) => t.metadata.name)).toEqual(['client-service-to-server-service']);
    const [t] = tests;
    const address = objects.find((o: Obj) => o.kind === 'ComputeAddress' && o.metadata.name === 'server-service-ilb-ip')!;
    const subnet = objects.find((o: Obj) => o.kind === 'ComputeSubnetwork' && o.metadata.name === 'run-vpc-direct')!;
    const network = objects.find((o: Obj) => o.kind === 'ComputeNetwork')!;
    // The destination is the real load balancer address; the source an address of the caller's real egress subnet.
    expect(t.spec.destination.ipAddress).toBe(address.spec.address);
    expect(t.spec.destination.port).toBe(80);
    expect(t.spec.source.computeNetworkRef).toEqual({ name: network.metadata.name });
    const [base, prefix] = subnet.spec.ipCidrRange.split('/');
    expect(prefix).toBeDefined();
    expect(t.spec.source.ipAddress).toBe(base.replace(/\.\d+$/, (m: string) => `.${Number(m.slice(1)) + 2}`));
    expect(t.spec.location).toBe('global');
    expect(t.spec.protocol).toBe('TCP');
    expect(files.map((f) => f.path)).toContain('config-connector/connectivity-tests.yaml');
    expectValidCrds(objects);
    expect(checkReferences(objects)).toEqual([]);
  });

  test('an HTTPS-only load balancer is tested on :443; a Redis use names the instance runnel creates', () => {
    const { objects } = synth(
      withTests((t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.services[1].loadBalancer = { https: { sslCertificate: 'projects/acme-prod/regions/asia-northeast1/sslCertificates/server' } };
        t.backends = [{ name: 'cache', redis: {} }];
        t.services[0].uses = ['cache'];
      }),
    );
    const tests = new Map(all(objects, 'NetworkManagementConnectivityTest').map((t) => [t.metadata.name, t]));
    expect([...tests.keys()].sort()).toEqual(['client-service-to-cache', 'client-service-to-server-service']);
    expect(tests.get('client-service-to-server-service')!.spec.destination.port).toBe(443);
    const redis = tests.get('client-service-to-cache')!.spec.destination;
    expect(all(objects, 'RedisInstance').map((r) => r.metadata.name)).toEqual(['cache']);
    expect(redis.redisInstance).toBe('projects/acme-prod/locations/asia-northeast1/instances/cache');
    expect(redis.port).toBe(6379);
    expectValidCrds(objects);
  });

  test('a connector caller is tested from the connector subnet; a run.app call gets no test', () => {
    const { objects } = synth(
      withTests((t) => {
        t.projectNumber = '123456789012';
        t.services[0].egress = { via: 'connector', route: 'all-traffic' };
        delete t.services[0].startupProbe;
        t.services[1].access = 'private-google-access';
      }),
    );
    expect(all(objects, 'NetworkManagementConnectivityTest')).toEqual([]);
    const lb = synth(withTests((t) => (t.services[0].egress = { via: 'connector' })));
    const [test] = all(lb.objects, 'NetworkManagementConnectivityTest');
    const subnet = lb.objects.find((o: Obj) => o.kind === 'ComputeSubnetwork' && o.metadata.name === 'run-vpc-connector')!;
    expect(subnet.spec.ipCidrRange).toBe('10.10.8.0/28');
    expect(test.spec.source.ipAddress).toBe('10.10.8.2');
  });

  test('the test waits for every other Config Connector object (its first result is about the deployed path)', () => {
    const { objects } = synth(withTests());
    const wave = (o: Obj) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
    const [t] = all(objects, 'NetworkManagementConnectivityTest');
    const others = objects.filter((o: Obj) => String(o.apiVersion).includes('cnrm') && o.kind !== 'NetworkManagementConnectivityTest');
    expect(Math.max(...others.map(wave))).toBeLessThan(wave(t));
  });

  test('the networkmanagement API is enabled only with the tests', () => {
    const apis = (o: Obj[]) => all(o, 'Service').map((s) => s.metadata.name);
    expect(apis(synth(withTests()).objects)).toContain('networkmanagement.googleapis.com');
    expect(apis(synth(baseTopology()).objects)).not.toContain('networkmanagement.googleapis.com');
  });
});

test("the README's Connectivity Tests example emits one test per declared call and use, CRD-valid, references resolved", () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Reachability: every call proven'), readme.indexOf('## Applying the output'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  const { objects } = synth(parse(block));
  expect(
    all(objects, 'NetworkManagementConnectivityTest')
      .map((t) => t.metadata.name)
      .sort(),
  ).toEqual(['client-service-to-cache', 'client-service-to-server-service']);
  expectValidCrds(objects);
  expect(checkReferences(objects)).toEqual([]);
});

test('a Connectivity Test name over the API limit of 40 characters is a valid-names finding at the call, not a failed apply', () => {
  const t = baseTopology();
  t.delivery = { connectivityTests: true };
  t.services[0].name = 'client-service-with-a-long-name';
  t.services[0].serviceAccount = 'client-runner';
  const { findings } = validateTopology(t);
  const f = findings.find((x) => x.ruleId === 'valid-names' && x.path === 'services[0].calls[0]');
  expect(f?.message).toContain('"client-service-with-a-long-name-to-server-service"');
  expect(f?.fix).toMatch(/^shorten "client-service-with-a-long-name" or "server-service"/);
  // Without the option no test is emitted, and the long name is fine.
  delete t.delivery;
  expect(validateTopology(t).findings.filter((x) => x.severity === 'error')).toEqual([]);
});

test('on an existing Shared VPC the test lives in the service project, names the host network by path and the host as related', () => {
  const t = baseTopology();
  t.delivery = { connectivityTests: true };
  t.projectNumber = '123456789012';
  t.network = {
    name: 'shared-vpc',
    project: 'acme-host',
    existing: true,
    subnets: {
      workload: { name: 'run-workload', cidr: '10.10.0.0/24' },
      directVpc: { name: 'run-direct', cidr: '10.10.4.0/22' },
      proxyOnly: { name: 'run-proxy-only', cidr: '10.10.10.0/23' },
    },
  };
  const { findings } = validateTopology(t);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((f) => `${f.path}: ${f.message}`).join('\n'));
  const { objects } = synth(t);
  const [test] = all(objects, 'NetworkManagementConnectivityTest');
  expect(test.metadata.annotations['cnrm.cloud.google.com/project-id']).toBe('acme-prod');
  expect(test.spec.source.computeNetworkRef).toEqual({ external: 'projects/acme-host/global/networks/shared-vpc' });
  expect(test.spec.source.ipAddress).toBe('10.10.4.2');
  expect(test.spec.relatedProjects).toEqual([{ external: 'acme-host' }]);
  expectValidCrds(objects);
  expect(checkReferences(objects)).toEqual([]);
});
