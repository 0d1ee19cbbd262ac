import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { parseTopology } from '../../src/input/load';
import { malformedExternals } from '../../src/delivery/references';
import { Network } from '../../src/network/network';
import { Subnet, SubnetPurpose } from '../../src/network/subnet';
import { RunnelChart } from '../../src/delivery/runnel-chart';
import { InternalLoadBalancer } from '../../src/lb/internal-lb';
import { RunService, ServiceFormat } from '../../src/serverless/run-service';
import { VpcEgress } from '../../src/serverless/egress';
import { all, baseTopology, Obj, synth } from '../helpers/synth';
import { validateTopology } from '../../src/validate/engine';

const golden = (name: string) => {
  const loaded = parseTopology(readFileSync(join(__dirname, '..', 'golden', name, 'topology.yaml'), 'utf8'), 'topology.yaml');
  return synth(loaded.input);
};
const fileOf = (files: ReturnType<typeof synth>['files'], o: Obj) => files.find((f) => (f.objects as Obj[]).includes(o))!.path;

describe('Shared VPC (golden shared-vpc)', () => {
  const { files, objects } = golden('shared-vpc');

  test('no network, subnet or connector object is emitted', () => {
    for (const kind of ['ComputeNetwork', 'ComputeSubnetwork', 'VPCAccessConnector']) expect(all(objects, kind)).toEqual([]);
  });

  test('Direct VPC egress names the host network and subnet by full path', () => {
    const web = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'web')!;
    const interfaces = JSON.parse(web.spec.template.metadata.annotations['run.googleapis.com/network-interfaces']);
    expect(interfaces).toEqual([
      {
        network: 'projects/net-host-prod/global/networks/shared-vpc',
        subnetwork: 'projects/net-host-prod/regions/asia-northeast1/subnetworks/run-egress-team-a',
      },
    ]);
    const api = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'api')!;
    expect(api.spec.template.metadata.annotations['run.googleapis.com/vpc-access-connector']).toBe(
      'projects/net-host-prod/locations/asia-northeast1/connectors/team-a-conn',
    );
  });

  test('the grants name the right member on the right subnet or project, in the host project', () => {
    const grants = all(objects, 'IAMPolicyMember').map((g) => ({
      project: g.metadata.annotations['cnrm.cloud.google.com/project-id'],
      member: g.spec.member,
      role: g.spec.role,
      on: g.spec.resourceRef.external,
    }));
    expect(grants).toEqual(
      expect.arrayContaining([
        {
          project: 'net-host-prod',
          member: 'serviceAccount:service-123456789012@serverless-robot-prod.iam.gserviceaccount.com',
          role: 'roles/compute.networkUser',
          on: 'projects/net-host-prod/regions/asia-northeast1/subnetworks/run-egress-team-a',
        },
        {
          project: 'net-host-prod',
          member: 'serviceAccount:service-123456789012@serverless-robot-prod.iam.gserviceaccount.com',
          role: 'roles/vpcaccess.user',
          on: 'projects/net-host-prod',
        },
        {
          project: 'net-host-prod',
          member: 'serviceAccount:kcc-team-a@team-a-prod.iam.gserviceaccount.com',
          role: 'roles/compute.networkUser',
          on: 'projects/net-host-prod/regions/asia-northeast1/subnetworks/ilb-frontends-ane1',
        },
      ]),
    );
    expect(grants).toHaveLength(3);
  });

  test('host objects are only in the host folder, service objects only in the service folders', () => {
    for (const o of objects.filter((x) => x.metadata.annotations?.['cnrm.cloud.google.com/project-id'])) {
      const project = o.metadata.annotations['cnrm.cloud.google.com/project-id'];
      const path = fileOf(files, o);
      if (project === 'net-host-prod') expect(path).toMatch(/^host-net-host-prod\//);
      else expect(path).not.toMatch(/^host-/);
    }
    expect(files.filter((f) => f.path.startsWith('host-')).map((f) => f.path)).toEqual([
      'host-net-host-prod/dns.yaml',
      'host-net-host-prod/grants.yaml',
    ]);
  });

  test('the load balancer is the service project, on the host subnet; its record in the host zone holds its address', () => {
    const rule = all(objects, 'ComputeForwardingRule')[0];
    expect(rule.metadata.annotations['cnrm.cloud.google.com/project-id']).toBe('team-a-prod');
    expect(rule.spec.subnetworkRef).toEqual({ external: 'projects/net-host-prod/regions/asia-northeast1/subnetworks/ilb-frontends-ane1' });
    const address = all(objects, 'ComputeAddress')[0].spec.address;
    const record = all(objects, 'DNSRecordSet')[0];
    expect(record.spec.rrdatas).toEqual([address]);
  });

  test('every external path is well-formed', () => {
    expect(objects.flatMap(malformedExternals)).toEqual([]);
  });

  test('the diagram marks the existing parts and the project of each', () => {
    const diagram = files.find((f) => f.path === 'TOPOLOGY.md')!.content;
    expect(diagram).toContain('subgraph vpc["VPC shared-vpc<br/>existing, host project net-host-prod"]');
    expect(diagram).toContain('subnet_directVpc["subnet run-egress-team-a<br/>Direct VPC egress 10.130.0.0/22<br/>existing"]');
    expect(diagram).toContain('connector["connector team-a-conn<br/>existing, project net-host-prod, asia-northeast1"]');
    expect(diagram).toMatch(/svc_web\[".*<br\/>project team-a-prod"\]/);
  });
});

test('existing network in one project: nothing of the network is emitted; NAT and connector are, on the subnets by path', () => {
  const { files, objects } = golden('existing-network');
  expect(all(objects, 'ComputeNetwork')).toEqual([]);
  expect(all(objects, 'ComputeSubnetwork')).toEqual([]);
  expect(files.some((f) => f.path.startsWith('host-'))).toBe(false);
  expect(all(objects, 'IAMPolicyMember')).toEqual([]);
  const connector = all(objects, 'VPCAccessConnector')[0];
  expect(connector.spec.subnet).toEqual({ nameRef: { external: 'corp-run-conn' } });
  const router = all(objects, 'ComputeRouter')[0];
  expect(router.spec.networkRef).toEqual({ external: 'projects/acme-prod/global/networks/corp-vpc' });
  const nat = all(objects, 'ComputeRouterNAT')[0];
  expect(nat.spec.subnetwork.map((s: Obj) => s.subnetworkRef.external)).toEqual([
    'projects/acme-prod/regions/us-central1/subnetworks/corp-run-direct',
  ]);
});

test('existing DNS zone in the host: records only, by path, in the host folder; the connector is the service project', () => {
  const { files, objects } = golden('existing-dns-zone');
  expect(all(objects, 'DNSManagedZone')).toEqual([]);
  const record = all(objects, 'DNSRecordSet')[0];
  expect(record.spec.managedZoneRef).toEqual({ external: 'projects/net-host-prod/managedZones/team-b-internal' });
  expect(fileOf(files, record)).toBe('host-net-host-prod/dns.yaml');
  const connector = all(objects, 'VPCAccessConnector')[0];
  expect(connector.metadata.annotations['cnrm.cloud.google.com/project-id']).toBe('team-b-prod');
  expect(connector.spec.subnet).toEqual({ nameRef: { external: 'run-conn-team-b' }, projectRef: { external: 'net-host-prod' } });
  const members = all(objects, 'IAMPolicyMember').map((g) => [g.spec.member, g.spec.resourceRef.external]);
  const subnet = 'projects/net-host-prod/regions/europe-west1/subnetworks/run-conn-team-b';
  expect(members.sort()).toEqual([
    ['serviceAccount:210987654321@cloudservices.gserviceaccount.com', subnet],
    ['serviceAccount:service-210987654321@gcp-sa-vpcaccess.iam.gserviceaccount.com', subnet],
  ]);
});

test('without the new fields nothing changes: the base topology emits its network and no host folder', () => {
  const { files, objects } = synth(baseTopology());
  expect(all(objects, 'ComputeNetwork')).toHaveLength(1);
  expect(files.some((f) => f.path.startsWith('host-'))).toBe(false);
});

test('constructs: Network.fromExisting and Subnet.fromExisting emit nothing and are referenced by path', () => {
  const app = new App();
  const chart = new RunnelChart(app, 'c', { outputPath: 'x.yaml' });
  const network = Network.fromExisting(chart, 'Net', { name: 'shared-vpc', project: 'net-host' });
  const egress = Subnet.fromExisting(chart, 'Egress', { network, name: 'run-egress', region: 'us-central1', cidr: '10.0.0.0/22' });
  const workload = Subnet.fromExisting(chart, 'Ilb', { network, name: 'ilb', region: 'us-central1', cidr: '10.1.0.0/24' });
  const proxy = Subnet.fromExisting(chart, 'Proxy', {
    network,
    name: 'proxy',
    region: 'us-central1',
    cidr: '10.2.0.0/23',
    purpose: SubnetPurpose.REGIONAL_MANAGED_PROXY,
  });
  new InternalLoadBalancer(chart, 'Lb', {
    service: 'api',
    subnet: workload,
    proxyOnlySubnet: proxy,
    scope: { project: 'svc' },
  });
  new RunService(chart, 'Run', {
    name: 'api',
    project: 'svc',
    region: 'us-central1',
    format: ServiceFormat.CONFIG_CONNECTOR,
    image: 'us-docker.pkg.dev/svc/run/api:1',
    egress: VpcEgress.directVpc(egress),
  });
  const objects = chart.toJson();
  expect(objects.filter((o: Obj) => o.kind === 'ComputeNetwork' || o.kind === 'ComputeSubnetwork')).toEqual([]);
  const run = objects.find((o: Obj) => o.kind === 'RunService');
  expect(run.spec.template.vpcAccess.networkInterfaces).toEqual([
    {
      networkRef: { external: 'projects/net-host/global/networks/shared-vpc' },
      subnetworkRef: { external: 'projects/net-host/regions/us-central1/subnetworks/run-egress' },
    },
  ]);
  expect(objects.flatMap(malformedExternals)).toEqual([]);
});

describe('the range rules check the ranges declared for existing subnets', () => {
  const estate = (subnets: Record<string, { name: string; cidr: string }>) => {
    const t = baseTopology();
    t.projectNumber = '123456789012';
    t.network = { name: 'shared-vpc', project: 'net-host-prod', existing: true, subnets };
    t.namespace = 'config-connector';
    t.delivery = { createNamespace: true, configConnectorServiceAccount: 'kcc-prod@acme-prod.iam.gserviceaccount.com' };
    return t;
  };
  const good = {
    workload: { name: 'ilb', cidr: '10.128.0.0/24' },
    directVpc: { name: 'run-egress', cidr: '10.130.0.0/22' },
    proxyOnly: { name: 'proxy-only', cidr: '10.129.0.0/23' },
  };
  const rulesOf = (t: unknown) => validateTopology(t).findings.map((f) => f.ruleId);

  test('a well-declared estate has no finding', () => {
    expect(validateTopology(estate(good)).findings).toEqual([]);
  });

  test('a proxy-only subnet too small, and declared ranges that overlap, are refused', () => {
    expect(rulesOf(estate({ ...good, proxyOnly: { name: 'proxy-only', cidr: '10.129.0.0/27' } }))).toContain('proxy-only-subnet-size');
    expect(rulesOf(estate({ ...good, directVpc: { name: 'run-egress', cidr: '10.128.0.0/22' } }))).toContain(
      'subnet-cidrs-must-not-overlap',
    );
  });
});
