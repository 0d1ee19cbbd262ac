import { testApp } from '../helpers/synth';
import { Chart, Testing } from 'cdk8s';
import { Network } from '../../src/network/network';
import { Subnet, SubnetPurpose } from '../../src/network/subnet';
import { CrossRegionServerlessBackend } from '../../src/lb/cross-region-backend';
import { CrossRegionInternalLoadBalancer } from '../../src/lb/cross-region-internal-lb';
import { TlsCertificate } from '../../src/lb/tls-certificate';
import { expectValidCrds } from '../helpers/crd';

const REGIONS = ['europe-west1', 'europe-west4'];

function setup() {
  const chart = new Chart(testApp(), 'test');
  const network = new Network(chart, 'Network', { name: 'run-vpc', project: 'acme-prod' });
  const frontends = REGIONS.map((region, i) => ({
    subnet: new Subnet(chart, `workload-${region}`, { network, name: `workload-${region}`, region, cidr: `10.${10 + i}.0.0/24` }),
    proxyOnlySubnet: new Subnet(chart, `proxy-${region}`, {
      network,
      name: `proxy-${region}`,
      region,
      cidr: `10.${10 + i}.12.0/23`,
      purpose: SubnetPurpose.GLOBAL_MANAGED_PROXY,
    }),
    primary: i === 0,
  }));
  const backend = (service: string) =>
    new CrossRegionServerlessBackend(chart, `Backend-${service}`, {
      scope: network.kccScope,
      service,
      regions: REGIONS.map((region, i) => ({ region, primary: i === 0 })),
    });
  return { chart, network, frontends, backend };
}

test('GIVEN a service in two regions WHEN fronted THEN one global backend service over a NEG per region, and a frontend per region', () => {
  const { chart, frontends, backend } = setup();
  const api = backend('api');
  const lb = new CrossRegionInternalLoadBalancer(chart, 'Lb', {
    name: 'api',
    callees: [{ service: 'api', hostname: 'api.internal.acme.example', backendServiceName: api.backendServiceName }],
    frontends,
    https: TlsCertificate.fromCertificateManager('api-cert'),
    http: true,
  });
  const objects = Testing.synth(chart);
  expectValidCrds(objects);
  const negs = objects.filter((o) => o.kind === 'ComputeRegionNetworkEndpointGroup');
  expect(negs.map((n) => [n.metadata.name, n.spec.region])).toEqual([
    ['api-neg', 'europe-west1'],
    ['api-neg-europe-west4', 'europe-west4'],
  ]);
  const bes = objects.find((o) => o.kind === 'ComputeBackendService')!;
  expect(bes.spec.backend.map((b: any) => b.group.networkEndpointGroupRef.external)).toEqual([
    'projects/acme-prod/regions/europe-west1/networkEndpointGroups/api-neg',
    'projects/acme-prod/regions/europe-west4/networkEndpointGroups/api-neg-europe-west4',
  ]);
  const proxy = objects.find((o) => o.kind === 'ComputeTargetHTTPSProxy')!;
  expect(proxy.spec.certificateManagerCertificates).toEqual([{ external: 'projects/acme-prod/locations/global/certificates/api-cert' }]);
  expect(lb.frontends.map((f) => [f.region, f.addressName, f.forwardingRules.length])).toEqual([
    ['europe-west1', 'api-ilb-ip', 2],
    ['europe-west4', 'api-ilb-ip-europe-west4', 2],
  ]);
  expect(lb.urlsOf('api')).toEqual(['https://api.internal.acme.example', 'http://api.internal.acme.example']);
  expect(lb.ports).toEqual(['443', '80']);
});

test('several callees get a host rule each on the one global URL map', () => {
  const { chart, frontends, backend } = setup();
  const callees = ['orders', 'api'].map((s) => ({
    service: s,
    hostname: `${s}.internal.acme.example`,
    backendServiceName: backend(s).backendServiceName,
  }));
  new CrossRegionInternalLoadBalancer(chart, 'Lb', { name: 'edge', callees, frontends });
  const objects = Testing.synth(chart);
  expectValidCrds(objects);
  const urlMap = objects.find((o) => o.kind === 'ComputeURLMap')!;
  expect(urlMap.spec.location).toBe('global');
  expect(urlMap.spec.hostRule.map((r: any) => [r.hosts[0], r.pathMatcher])).toEqual([
    ['api.internal.acme.example', 'api'],
    ['orders.internal.acme.example', 'orders'],
  ]);
});

test.each([
  ['a Compute SSL certificate', (p: any) => ({ ...p, https: TlsCertificate.fromExisting('api-cert') }), /Certificate Manager/],
  [
    'a regional proxy-only subnet',
    (p: any) => ({ ...p, frontends: [{ ...p.frontends[0], proxyOnlySubnet: p.frontends[0].subnet }] }),
    /GLOBAL_MANAGED_PROXY/,
  ],
  ['two frontends in one region', (p: any) => ({ ...p, frontends: [p.frontends[0], p.frontends[0]] }), /two frontends/],
])('refuses %s', (_name, mutate, error) => {
  const { chart, frontends, backend } = setup();
  const props = { name: 'api', callees: [{ service: 'api', backendServiceName: backend('api').backendServiceName }], frontends };
  expect(() => new CrossRegionInternalLoadBalancer(chart, 'Lb', mutate(props))).toThrow(error);
});

test('a backend needs two distinct regions', () => {
  const { chart, network } = setup();
  const one = () =>
    new CrossRegionServerlessBackend(chart, 'One', {
      scope: network.kccScope,
      service: 'api',
      regions: [{ region: 'europe-west1', primary: true }],
    });
  expect(one).toThrow(/at least two regions/);
});
