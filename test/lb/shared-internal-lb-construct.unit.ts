import { testApp } from '../helpers/synth';
import { Chart, Testing } from 'cdk8s';
import { Network } from '../../src/network/network';
import { Subnet, SubnetPurpose } from '../../src/network/subnet';
import { ServerlessBackend } from '../../src/lb/serverless-backend';
import { SharedInternalLoadBalancer, SharedCallee } from '../../src/lb/shared-internal-lb';
import { TlsCertificate } from '../../src/lb/tls-certificate';
import { expectValidCrds } from '../helpers/crd';

function setup() {
  const chart = new Chart(testApp(), 'test');
  const network = new Network(chart, 'Network', { name: 'run-vpc', project: 'acme-prod', namespace: 'kcc' });
  const subnet = new Subnet(chart, 'workload', { network, name: 'workload', region: 'asia-northeast1', cidr: '10.10.0.0/24' });
  const proxyOnlySubnet = new Subnet(chart, 'proxy', {
    network,
    name: 'proxy',
    region: 'asia-northeast1',
    cidr: '10.10.10.0/23',
    purpose: SubnetPurpose.REGIONAL_MANAGED_PROXY,
  });
  const callee = (service: string): SharedCallee => {
    const backend = new ServerlessBackend(chart, `Backend-${service}`, { scope: network.kccScope, region: 'asia-northeast1', service });
    return { service, hostname: `${service}.internal.acme.example`, backendServiceName: backend.backendServiceName };
  };
  return { chart, subnet, proxyOnlySubnet, callee };
}

test('host rules in name order whatever the order given; URLs and audiences per callee', () => {
  const { chart, subnet, proxyOnlySubnet, callee } = setup();
  const lb = new SharedInternalLoadBalancer(chart, 'Lb', {
    name: 'edge',
    callees: [callee('orders'), callee('api')],
    subnet,
    proxyOnlySubnet,
    address: '10.10.0.9',
    https: TlsCertificate.fromExisting('wildcard'),
    http: true,
  });
  const objects = Testing.synth(chart);
  expectValidCrds(objects);
  const urlMap = objects.find((o) => o.kind === 'ComputeURLMap')!;
  expect(urlMap.spec.hostRule).toEqual([
    { hosts: ['api.internal.acme.example'], pathMatcher: 'api' },
    { hosts: ['orders.internal.acme.example'], pathMatcher: 'orders' },
  ]);
  expect(urlMap.spec.pathMatcher.map((m: any) => m.defaultService.backendServiceRef.name)).toEqual(['api-bes', 'orders-bes']);
  expect(lb.urlOf('orders')).toBe('https://orders.internal.acme.example');
  expect(lb.urlsOf('api')).toEqual(['https://api.internal.acme.example', 'http://api.internal.acme.example']);
  expect(lb.urlOf('billing')).toBeUndefined();
  expect(lb.urlsOf('billing')).toEqual([]);
  expect(lb.forwardingRules.map((r) => r.name)).toEqual(['edge-http', 'edge-https']);
});

test('refuses no callees, a service listed twice and two services on one host', () => {
  const { chart, subnet, proxyOnlySubnet, callee } = setup();
  const props = { name: 'edge', subnet, proxyOnlySubnet };
  expect(() => new SharedInternalLoadBalancer(chart, 'A', { ...props, callees: [] })).toThrow(/no service behind it/);
  const api = callee('api');
  expect(() => new SharedInternalLoadBalancer(chart, 'B', { ...props, callees: [api, api] })).toThrow(/listed twice/);
  const other = { ...callee('orders'), hostname: api.hostname };
  expect(() => new SharedInternalLoadBalancer(chart, 'C', { ...props, callees: [api, other] })).toThrow(/share the host/);
});

test('refuses a proxy-only subnet as its subnet, and serving neither protocol', () => {
  const { chart, subnet, proxyOnlySubnet, callee } = setup();
  const callees = [callee('api')];
  expect(() => new SharedInternalLoadBalancer(chart, 'A', { name: 'edge', callees, subnet: proxyOnlySubnet, proxyOnlySubnet })).toThrow(
    /must be PRIVATE/,
  );
  expect(() => new SharedInternalLoadBalancer(chart, 'B', { name: 'edge', callees, subnet, proxyOnlySubnet, http: false })).toThrow(
    /neither HTTP nor HTTPS/,
  );
});
