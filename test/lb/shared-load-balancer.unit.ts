import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunAnnotation } from '../../src/annotations';
import { diffOutputs } from '../../src/cli/diff';
import { parseTopology } from '../../src/input/load';
import { checkReferences } from '../../src/delivery/references';
import { expectValidCrds } from '../helpers/crd';
import { baseTopology, find, Obj, synth } from '../helpers/synth';

const goldenTopology = (): any =>
  parseTopology(readFileSync(join(__dirname, '..', 'golden', 'shared-load-balancer', 'topology.yaml'), 'utf8'), 'topology.yaml').input;

const CALLEES = ['accounts', 'billing', 'catalog', 'checkout', 'inventory', 'ledger', 'notify', 'orders', 'pricing', 'search'];
const DOMAIN = 'internal.acme.example';
const of = (objects: Obj[], kind: string) => objects.filter((o) => o.kind === kind);

describe('shared load balancer (golden topology: ten callees, HTTPS and HTTP)', () => {
  const { objects } = synth(goldenTopology());
  const urlMap = find(objects, 'ComputeURLMap');
  const address = find(objects, 'ComputeAddress');

  test('one URL map, one address, one proxy and one forwarding rule per port, whatever the number of callees', () => {
    expect(urlMap.metadata.name).toBe('run-vpc-lb-urlmap');
    expect(address.metadata.name).toBe('run-vpc-lb-ip');
    const rules = of(objects, 'ComputeForwardingRule');
    expect(rules.map((r) => [r.metadata.name, r.spec.portRange]).sort()).toEqual([
      ['run-vpc-lb-http', '80'],
      ['run-vpc-lb-https', '443'],
    ]);
    // Both rules listen on the one address, each through its own proxy to the one URL map.
    for (const r of rules) expect(r.spec.ipAddress.addressRef.name).toBe(address.metadata.name);
    const http = find(objects, 'ComputeTargetHTTPProxy');
    const https = find(objects, 'ComputeTargetHTTPSProxy');
    expect(find(objects, 'ComputeForwardingRule', 'run-vpc-lb-http').spec.target).toEqual({
      targetHTTPProxyRef: { name: http.metadata.name },
    });
    expect(find(objects, 'ComputeForwardingRule', 'run-vpc-lb-https').spec.target).toEqual({
      targetHTTPSProxyRef: { name: https.metadata.name },
    });
    expect(http.spec.urlMapRef.name).toBe(urlMap.metadata.name);
    expect(https.spec.urlMapRef.name).toBe(urlMap.metadata.name);
    // One certificate for every host: the wildcard Certificate Manager certificate, by its path.
    expect(https.spec.certificateManagerCertificates).toEqual([
      { external: 'projects/acme-prod/locations/asia-northeast1/certificates/internal-wildcard' },
    ]);
    expect(of(objects, 'ComputeURLMap')).toHaveLength(1);
    expect(of(objects, 'ComputeAddress')).toHaveLength(1);
  });

  test('each host rule → its path matcher → the backend service → its NEG → the right Cloud Run service', () => {
    expect(urlMap.spec.hostRule).toHaveLength(10);
    const matchers = new Map<string, Obj>(urlMap.spec.pathMatcher.map((m: Obj) => [m.name, m]));
    const seen: string[] = [];
    for (const rule of urlMap.spec.hostRule) {
      expect(rule.hosts).toHaveLength(1);
      const host: string = rule.hosts[0];
      const bes = find(objects, 'ComputeBackendService', matchers.get(rule.pathMatcher)!.defaultService.backendServiceRef.name);
      expect(bes.spec.loadBalancingScheme).toBe('INTERNAL_MANAGED');
      expect(bes.spec.backend).toHaveLength(1);
      const negPath: string = bes.spec.backend[0].group.networkEndpointGroupRef.external;
      const neg = find(objects, 'ComputeRegionNetworkEndpointGroup', negPath.split('/').pop());
      expect(negPath).toBe(`projects/acme-prod/regions/asia-northeast1/networkEndpointGroups/${neg.metadata.name}`);
      const service: string = neg.spec.cloudRun.serviceRef.external;
      // The host names the service the request reaches.
      expect(host).toBe(`${service}.${DOMAIN}`);
      seen.push(service);
    }
    expect(seen.sort()).toEqual(CALLEES);
  });

  test('the default service is the first callee by name (a regional URL map needs one)', () => {
    expect(urlMap.spec.defaultService).toEqual({ backendServiceRef: { name: 'accounts-bes' } });
  });

  test("every callee's DNS name points at the one address, and callers get that name as <CALLEE>_URL", () => {
    const records = of(objects, 'DNSRecordSet');
    expect(records.map((r) => r.spec.name).sort()).toEqual(CALLEES.map((c) => `${c}.${DOMAIN}.`));
    for (const r of records) expect(r.spec.rrdatasRefs).toEqual([{ kind: 'ComputeAddress', name: address.metadata.name }]);
    const gateway = find(objects, 'Service', 'gateway');
    const env = new Map(gateway.spec.template.spec.containers[0].env.map((e: Obj) => [e.name, e.value]));
    for (const c of CALLEES.slice(0, 5)) expect(env.get(`${c.toUpperCase()}_URL`)).toBe(`https://${c}.${DOMAIN}`);
  });

  test('custom audiences follow the host name, on both listeners', () => {
    for (const c of CALLEES) {
      const service = find(objects, 'Service', c);
      expect(JSON.parse(service.metadata.annotations[RunAnnotation.CUSTOM_AUDIENCES])).toEqual([
        `https://${c}.${DOMAIN}`,
        `http://${c}.${DOMAIN}`,
      ]);
    }
  });

  test('validates strictly and every reference resolves', () => {
    expectValidCrds(objects);
    expect(checkReferences(objects)).toEqual([]);
  });
});

describe('shared load balancer in Config Connector mode, certificate from a Secret', () => {
  const t = goldenTopology();
  t.delivery = { cloudRun: 'config-connector' };
  t.loadBalancing = {
    mode: 'shared',
    name: 'edge',
    address: '10.10.0.200',
    https: { certificateSecret: 'wildcard-tls', certificateVersion: 2 },
  };
  const { objects } = synth(t);

  test('NEGs reference the RunServices by name; the certificate is created under the stem; HTTP is closed beside HTTPS', () => {
    for (const c of CALLEES)
      expect(find(objects, 'ComputeRegionNetworkEndpointGroup', `${c}-neg`).spec.cloudRun.serviceRef).toEqual({ name: c });
    expect(find(objects, 'ComputeSSLCertificate').metadata.name).toBe('edge-cert-v2');
    expect(find(objects, 'ComputeTargetHTTPSProxy', 'edge-https-proxy').spec.sslCertificates).toEqual([{ name: 'edge-cert-v2' }]);
    expect(of(objects, 'ComputeTargetHTTPProxy')).toEqual([]);
    expect(of(objects, 'ComputeForwardingRule').map((r) => r.metadata.name)).toEqual(['edge-https']);
    expect(find(objects, 'ComputeAddress', 'edge-ip').spec.address).toBe('10.10.0.200');
  });

  test('validates strictly and every reference resolves', () => {
    expectValidCrds(objects);
    expect(checkReferences(objects)).toEqual([]);
  });
});

test('mode: per-service written out synthesizes byte-identically to no loadBalancing at all', () => {
  const t = baseTopology();
  const without = synth(t).files;
  t.loadBalancing = { mode: 'per-service' };
  expect(synth(t).files).toEqual(without);
});

test('the shared address derives from the stem alone: adding a callee moves neither it nor anything of the others but the URL map', () => {
  const t = goldenTopology();
  const before = synth(t).files;
  t.services.push({ name: 'reports', image: t.services[2].image });
  t.services[1].calls.push('reports');
  const changes = diffOutputs(before, synth(t).files);
  expect(changes.filter((c) => c.change === 'removed')).toEqual([]);
  expect(changes.filter((c) => c.change === 'changed').map((c) => c.resource)).toEqual([
    'ComputeURLMap/run-vpc-lb-urlmap',
    'Service/worker',
    'TOPOLOGY.md',
  ]);
  // The new callee's own objects, and nothing else.
  expect(changes.filter((c) => c.change === 'added').map((c) => c.resource)).toEqual([
    'ComputeBackendService/reports-bes',
    'ComputeRegionNetworkEndpointGroup/reports-neg',
    'DNSRecordSet/run-vpc-private-reports-a',
    'IAMServiceAccount/run-reports',
    'Service/reports',
    'cloud-run-iam/reports.yaml',
  ]);
});

describe('switching a topology from per-service to shared mode', () => {
  // The same ten callees, HTTPS with the wildcard certificate and HTTP, first one load balancer each.
  const perService = goldenTopology();
  delete perService.loadBalancing;
  for (const s of perService.services.filter((x: Obj) => CALLEES.includes(x.name))) {
    s.loadBalancer = { https: { certificateManagerCertificate: 'internal-wildcard' }, http: true };
  }
  const changes = diffOutputs(synth(perService).files, synth(goldenTopology()).files);
  const names = (change: string) => changes.filter((c) => c.change === change).map((c) => c.resource);

  test('creates exactly the shared URL map, proxies, address and forwarding rules', () => {
    expect(names('added')).toEqual([
      'ComputeAddress/run-vpc-lb-ip',
      'ComputeForwardingRule/run-vpc-lb-http',
      'ComputeForwardingRule/run-vpc-lb-https',
      'ComputeTargetHTTPProxy/run-vpc-lb-proxy',
      'ComputeTargetHTTPSProxy/run-vpc-lb-https-proxy',
      'ComputeURLMap/run-vpc-lb-urlmap',
    ]);
  });

  test("deletes exactly each callee's URL map, proxies, address and forwarding rules", () => {
    const perCallee = (c: string) => [
      `ComputeAddress/${c}-ilb-ip`,
      `ComputeForwardingRule/${c}-http`,
      `ComputeForwardingRule/${c}-https`,
      `ComputeTargetHTTPProxy/${c}-proxy`,
      `ComputeTargetHTTPSProxy/${c}-https-proxy`,
      `ComputeURLMap/${c}-urlmap`,
    ];
    expect(names('removed')).toEqual(CALLEES.flatMap(perCallee).sort());
  });

  test('keeps every NEG, backend service, service and caller URL; only the DNS records move to the shared address', () => {
    const changed = changes.filter((c) => c.change === 'changed');
    expect(changed.map((c) => c.resource)).toEqual([...CALLEES.map((c) => `DNSRecordSet/run-vpc-private-${c}-a`), 'TOPOLOGY.md']);
    for (const c of changed.filter((x) => x.resource.startsWith('DNSRecordSet/'))) {
      const callee = c.resource.slice('DNSRecordSet/run-vpc-private-'.length, -2);
      // Named list items diff by name: the record drops the callee's address and gains the shared one.
      expect(c.fields).toEqual([
        { path: 'spec.rrdatasRefs[name="run-vpc-lb-ip"]', before: undefined, after: { kind: 'ComputeAddress', name: 'run-vpc-lb-ip' } },
        {
          path: `spec.rrdatasRefs[name="${callee}-ilb-ip"]`,
          before: { kind: 'ComputeAddress', name: `${callee}-ilb-ip` },
          after: undefined,
        },
      ]);
    }
  });
});

test('the shared load balancer reaches the diagram as one node with a host edge per callee', () => {
  const { files } = synth(goldenTopology());
  const md = files.find((f) => f.path === 'TOPOLOGY.md')!.content;
  expect(md).toContain('shared internal load balancer run-vpc-lb<br/>10.10.0.35<br/>HTTP :80, HTTPS :443, 10 host rules');
  for (const c of CALLEES) expect(md).toContain(`sharedlb -->|"${c}.internal.acme.example"| svc_${c}`);
  expect(md).not.toContain('lb_accounts');
});
