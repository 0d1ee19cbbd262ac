import { testApp } from '../helpers/synth';
import { Chart, Testing } from 'cdk8s';
import { RunAnnotation } from '../../src/annotations';
import { InternalLoadBalancer } from '../../src/lb/internal-lb';
import { CloudNat } from '../../src/nat/cloud-nat';
import { Network } from '../../src/network/network';
import { Subnet, SubnetPurpose } from '../../src/network/subnet';
import { EgressRoute, VpcEgress } from '../../src/serverless/egress';
import { Ingress, RunService } from '../../src/serverless/run-service';
import { VpcConnector } from '../../src/serverless/vpc-connector';
import { expectValidCrds } from '../helpers/crd';

function setup() {
  const app = testApp();
  const chart = new Chart(app, 'test');
  const network = new Network(chart, 'Network', { name: 'run-vpc', project: 'acme-prod', namespace: 'kcc' });
  const subnet = (name: string, cidr: string, purpose?: SubnetPurpose) =>
    new Subnet(chart, name, { network, name, region: 'asia-northeast1', cidr, purpose });
  return { app, chart, network, subnet };
}

describe('Network and Subnet', () => {
  test('a custom-mode network; subnets with Private Google Access; a proxy-only subnet without it', () => {
    // GIVEN a network with an ordinary and a proxy-only subnet
    const { chart, subnet } = setup();
    subnet('workload', '10.10.0.0/24');
    subnet('proxy', '10.10.10.0/23', SubnetPurpose.REGIONAL_MANAGED_PROXY);
    // WHEN synthesized
    const [network, workload, proxy] = Testing.synth(chart);
    // THEN
    expect(network.spec).toEqual({ autoCreateSubnetworks: false, routingMode: 'REGIONAL' });
    expect(network.metadata).toEqual({
      name: 'run-vpc',
      namespace: 'kcc',
      annotations: {
        'cnrm.cloud.google.com/project-id': 'acme-prod',
        'cnrm.cloud.google.com/state-into-spec': 'absent',
        // Stateful: kept in GCP when the object is deleted, and never pruned by Argo CD.
        'cnrm.cloud.google.com/deletion-policy': 'abandon',
        'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
      },
    });
    expect(workload.spec).toMatchObject({ purpose: 'PRIVATE', privateIpGoogleAccess: true, networkRef: { name: 'run-vpc' } });
    expect(proxy.spec).toEqual({
      region: 'asia-northeast1',
      ipCidrRange: '10.10.10.0/23',
      networkRef: { name: 'run-vpc' },
      purpose: 'REGIONAL_MANAGED_PROXY',
      role: 'ACTIVE',
    });
    expectValidCrds(Testing.synth(chart));
  });

  test('a malformed range fails at once; a bad name fails validation', () => {
    const { chart, subnet } = setup();
    expect(() => subnet('bad', '10.10.0.1/24')).toThrow(/host bits/);
    subnet('Bad_Name', '10.10.0.0/24');
    expect(() => Testing.synth(chart)).toThrow(/not a valid subnet name/);
  });
});

describe('VpcConnector', () => {
  test('sits on its /28 subnet with explicit instance bounds', () => {
    const { chart, subnet } = setup();
    const connector = new VpcConnector(chart, 'Connector', { name: 'run-conn', subnet: subnet('conn', '10.10.8.0/28') });
    const obj = Testing.synth(chart).find((o) => o.kind === 'VPCAccessConnector')!;
    expect(obj.spec).toEqual({
      location: 'asia-northeast1',
      projectRef: { external: 'projects/acme-prod' },
      subnet: { nameRef: { name: 'conn' } },
      machineType: 'e2-micro',
      minInstances: 2,
      maxInstances: 3,
    });
    expect(connector.path).toBe('projects/acme-prod/locations/asia-northeast1/connectors/run-conn');
  });

  test('rejects a subnet that is not /28, out-of-range instances and a long name, all at once', () => {
    const { chart, subnet } = setup();
    new VpcConnector(chart, 'Connector', {
      name: 'connector-with-a-long-name',
      subnet: subnet('conn', '10.10.8.0/24'),
      minInstances: 5,
      maxInstances: 4,
    });
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/more than 25/);
    expect(message).toContain('subnet conn: connector subnet is 10.10.8.0/24 (/24); a connector takes exactly a /28');
    expect(message).toMatch(/must be greater than minInstances/);
  });
});

describe('RunService', () => {
  test('writes ingress on the Service and egress, scaling on the revision template, as strings', () => {
    const { chart, subnet } = setup();
    const direct = subnet('direct', '10.10.4.0/22');
    const svc = new RunService(chart, 'Svc', {
      name: 'api',
      project: 'acme-prod',
      region: 'asia-northeast1',
      image: 'img',
      ingress: Ingress.INTERNAL_AND_CLOUD_LOAD_BALANCING,
      egress: VpcEgress.directVpc(direct, EgressRoute.ALL_TRAFFIC),
      scaling: { minInstances: 1, maxInstances: 7 },
      env: { B: '2', A: '1' },
      serviceAccount: 'api@acme-prod.iam.gserviceaccount.com',
    });
    svc.addEnv('C_URL', 'http://10.0.0.5');
    const obj = Testing.synth(chart).find((o) => o.kind === 'Service')!;
    expect(obj.metadata).toEqual({
      name: 'api',
      namespace: 'acme-prod',
      labels: { 'cloud.googleapis.com/location': 'asia-northeast1' },
      annotations: { [RunAnnotation.INGRESS]: 'internal-and-cloud-load-balancing' },
    });
    expect(obj.spec.template.metadata.annotations).toEqual({
      [RunAnnotation.MIN_SCALE]: '1',
      [RunAnnotation.MAX_SCALE]: '7',
      [RunAnnotation.NETWORK_INTERFACES]: '[{"network":"run-vpc","subnetwork":"direct"}]',
      [RunAnnotation.VPC_EGRESS]: 'all-traffic',
    });
    expect(obj.spec.template.spec.serviceAccountName).toBe('api@acme-prod.iam.gserviceaccount.com');
    expect(obj.spec.template.spec.containers[0].env.map((e: any) => e.name)).toEqual(['A', 'B', 'C_URL']);
    expect(() => svc.addEnv('A', 'again')).toThrow(/already set/);
    expectValidCrds([obj]);
  });

  test('defaults to internal ingress and no VPC egress; a connector egress writes the full connector path', () => {
    const { chart, subnet } = setup();
    new RunService(chart, 'Plain', { name: 'plain', project: 'acme-prod', region: 'asia-northeast1', image: 'img' });
    const connector = new VpcConnector(chart, 'Connector', { name: 'run-conn', subnet: subnet('conn', '10.10.8.0/28') });
    new RunService(chart, 'Via', {
      name: 'via',
      project: 'acme-prod',
      region: 'asia-northeast1',
      image: 'img',
      egress: VpcEgress.connector(connector),
    });
    const services = Testing.synth(chart).filter((o) => o.kind === 'Service');
    expect(services[0].metadata.annotations[RunAnnotation.INGRESS]).toBe('internal');
    expect(services[0].spec.template.metadata.annotations).toEqual({ [RunAnnotation.MIN_SCALE]: '0', [RunAnnotation.MAX_SCALE]: '100' });
    expect(services[1].spec.template.metadata.annotations[RunAnnotation.VPC_CONNECTOR]).toBe(connector.path);
    expect(services[1].spec.template.metadata.annotations[RunAnnotation.VPC_EGRESS]).toBe('private-ranges-only');
  });
});

describe('InternalLoadBalancer', () => {
  test('chains NEG → backend service → URL map → proxy ← forwarding rule on an internal address', () => {
    const { chart, subnet } = setup();
    const workload = subnet('workload', '10.10.0.0/24');
    const proxyOnly = subnet('proxy', '10.10.10.0/23', SubnetPurpose.REGIONAL_MANAGED_PROXY);
    const lb = new InternalLoadBalancer(chart, 'Lb', {
      service: 'api',
      subnet: workload,
      proxyOnlySubnet: proxyOnly,
      address: '10.10.0.9',
    });
    const objs = Testing.synth(chart);
    const byKind = (k: string) => objs.find((o) => o.kind === k)!;
    expect(byKind('ComputeRegionNetworkEndpointGroup').spec.cloudRun.serviceRef.external).toBe('api');
    expect(byKind('ComputeBackendService').spec.backend[0].group.networkEndpointGroupRef.external).toBe(
      'projects/acme-prod/regions/asia-northeast1/networkEndpointGroups/api-neg',
    );
    // The serverless NEG backend as the API accepts it: UTILIZATION at full capacity (the provider's CONNECTION is
    // refused for HTTP backend services), no timeout, no health check, no utilization or rate targets.
    const bes = byKind('ComputeBackendService').spec;
    expect(bes.backend[0]).toEqual({
      group: { networkEndpointGroupRef: { external: 'projects/acme-prod/regions/asia-northeast1/networkEndpointGroups/api-neg' } },
      balancingMode: 'UTILIZATION',
      capacityScaler: 1,
    });
    expect(bes).toMatchObject({ loadBalancingScheme: 'INTERNAL_MANAGED', protocol: 'HTTP', logConfig: { enable: true, sampleRate: 1 } });
    for (const refused of ['timeoutSec', 'healthChecks', 'portName']) expect(bes).not.toHaveProperty(refused);
    expect(byKind('ComputeForwardingRule').spec.target.targetHTTPProxyRef.name).toBe(byKind('ComputeTargetHTTPProxy').metadata.name);
    expect(byKind('ComputeAddress').spec).toMatchObject({ address: '10.10.0.9', subnetworkRef: { name: 'workload' } });
    expect(lb.url).toBe('http://10.10.0.9');
    expectValidCrds(objs);
  });

  test('refuses a proxy-only subnet as the address subnet, a missing proxy-only subnet, and a foreign address', () => {
    const { chart, subnet } = setup();
    const workload = subnet('workload', '10.10.0.0/24');
    const proxyOnly = subnet('proxy', '10.10.10.0/23', SubnetPurpose.REGIONAL_MANAGED_PROXY);
    expect(() => new InternalLoadBalancer(chart, 'A', { service: 'a', subnet: proxyOnly, proxyOnlySubnet: proxyOnly })).toThrow(
      /must be PRIVATE/,
    );
    expect(() => new InternalLoadBalancer(chart, 'B', { service: 'b', subnet: workload, proxyOnlySubnet: workload })).toThrow(
      /not a proxy-only subnet/,
    );
    new InternalLoadBalancer(chart, 'C', { service: 'c', subnet: workload, proxyOnlySubnet: proxyOnly, address: '10.99.0.1' });
    expect(() => Testing.synth(chart)).toThrow('address: 10.99.0.1 is outside subnet "workload" (10.10.0.0/24)');
  });
});

describe('CloudNat', () => {
  test('a router and a NAT limited to the listed subnets', () => {
    const { chart, network, subnet } = setup();
    new CloudNat(chart, 'Nat', {
      network,
      region: 'asia-northeast1',
      routerName: 'rtr',
      natName: 'nat',
      subnets: [subnet('conn', '10.10.8.0/28')],
    });
    const objs = Testing.synth(chart);
    const nat = objs.find((o) => o.kind === 'ComputeRouterNAT')!;
    expect(nat.spec).toMatchObject({
      routerRef: { name: 'rtr' },
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetwork: [{ subnetworkRef: { name: 'conn' }, sourceIpRangesToNat: ['ALL_IP_RANGES'] }],
    });
    expect(objs.find((o) => o.kind === 'ComputeRouter')!.spec).toEqual({ region: 'asia-northeast1', networkRef: { name: 'run-vpc' } });
    expectValidCrds(objs);
  });
});
