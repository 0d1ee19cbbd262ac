import { testApp } from '../helpers/synth';
import { Chart } from 'cdk8s';
import { parse } from 'yaml';
import { PrivateDnsZone } from '../../src/dns/private-zone';
import { ServiceAccount } from '../../src/iam/service-account';
import { Network } from '../../src/network/network';
import { renderFiles } from '../../src/output/render';
import { RunnelChart } from '../../src/delivery/runnel-chart';
import { Secret } from '../../src/secrets/secret';
import { RunService, ServiceFormat } from '../../src/serverless/run-service';
import { expectValidCrds } from '../helpers/crd';
import { loadTopologyFile } from '../../src/input/load';
import { TopologySpec } from '../../src/input/spec';
import { PrivateTopology } from '../../src/topology/private-topology';

// Constructs wire themselves: each grant method makes exactly the object that grants, on exactly that resource.

const scope = { project: 'acme-prod', namespace: 'kcc' };

function app() {
  const a = testApp();
  return { app: a, chart: new RunnelChart(a, 'run', { outputPath: 'run.yaml' }) };
}

const service = (chart: Chart, format: ServiceFormat, name = 'api') =>
  new RunService(chart, `Service-${name}`, {
    name,
    project: 'acme-prod',
    region: 'asia-northeast1',
    namespace: 'kcc',
    image: 'asia-northeast1-docker.pkg.dev/acme-prod/run/api:1',
    format,
  });

describe('RunService.grantInvoke', () => {
  test('Knative: every service gets its authoritative policy file; grants become its sorted, unique members', () => {
    const { app: a, chart } = app();
    const api = service(chart, ServiceFormat.KNATIVE);
    service(chart, ServiceFormat.KNATIVE, 'lonely');
    const account = new ServiceAccount(chart, 'Caller', { ...scope, accountId: 'run-client' });
    api.grantInvoke(account);
    api.grantInvoke('user:alice@example.com');
    api.grantInvoke(account);
    const files = new Map(renderFiles(a).map((f) => [f.path, f.content]));
    expect(parse(files.get('cloud-run-iam/api.yaml') as string)).toEqual({
      bindings: [
        {
          role: 'roles/run.invoker',
          members: ['serviceAccount:run-client@acme-prod.iam.gserviceaccount.com', 'user:alice@example.com'],
        },
      ],
    });
    // Nobody granted: written anyway, empty, so applying it revokes an earlier grant.
    expect(parse(files.get('cloud-run-iam/lonely.yaml') as string)).toEqual({ bindings: [] });
    expect(files.get('cloud-run-iam/lonely.yaml')).toContain('revokes every earlier grant');
  });

  test('Config Connector: one IAMPolicyMember per grant name on the RunService by name, in the service grants file', () => {
    const { app: a, chart } = app();
    const api = service(chart, ServiceFormat.CONFIG_CONNECTOR);
    const account = new ServiceAccount(chart, 'Caller', { ...scope, accountId: 'run-client' });
    api.grantInvoke(account);
    api.grantInvoke(account); // the same grant name: the same grant
    api.grantInvoke('serviceAccount:ops@other.iam.gserviceaccount.com');
    api.grantInvoke('group:oncall@example.com');
    api.grantInvoke('allUsers');
    service(chart, ServiceFormat.CONFIG_CONNECTOR, 'lonely');
    const files = renderFiles(a);
    const grants = files.find((f) => f.path === 'config-connector/invokers-api.yaml');
    expect(grants?.objects.map((o) => [o.metadata.name, (o.spec as any).member, (o.spec as any).memberFrom])).toEqual([
      ['api.invoker.run-client', undefined, { serviceAccountRef: { name: 'run-client' } }],
      ['api.invoker.ops.other.iam.gserviceaccount.com', 'serviceAccount:ops@other.iam.gserviceaccount.com', undefined],
      ['api.invoker-group.oncall.example.com', 'group:oncall@example.com', undefined],
      ['api.invoker-all-users', 'allUsers', undefined],
    ]);
    for (const o of grants?.objects ?? []) {
      expect(o.spec).toMatchObject({ role: 'roles/run.invoker', resourceRef: { kind: 'RunService', name: 'api' } });
    }
    // IAMPolicyMember is additive: no grants, no file (a dropped grant is deleted with its object).
    expect(files.map((f) => f.path)).not.toContain('config-connector/invokers-lonely.yaml');
    expectValidCrds(files.flatMap((f) => f.objects));
  });

  test('an explicit grant name wins over the derived one', () => {
    const { app: a, chart } = app();
    const api = service(chart, ServiceFormat.CONFIG_CONNECTOR);
    api.grantInvoke('user:bob@example.com', 'api.invoker-user.bob-2');
    const grants = renderFiles(a).find((f) => f.path === 'config-connector/invokers-api.yaml');
    expect(grants?.objects.map((o) => o.metadata.name)).toEqual(['api.invoker-user.bob-2']);
  });
});

describe('Secret.grantAccess', () => {
  test('a created secret is granted by reference, an existing one by path; the grant goes where it is asked', () => {
    const { app: a, chart } = app();
    const identity = new RunnelChart(a, 'identity', { outputPath: 'identity.yaml' });
    const account = new ServiceAccount(identity, 'Account', { ...scope, accountId: 'run-api' });
    new Secret(chart, 'Db', { ...scope, name: 'DB_PASSWORD' }).grantAccess(identity, account);
    Secret.fromExisting(scope, 'api-key').grantAccess(identity, 'serviceAccount:ext@acme-prod.iam.gserviceaccount.com');
    const objects = renderFiles(a).find((f) => f.path === 'identity.yaml')?.objects ?? [];
    const grants = objects.filter((o) => o.kind === 'IAMPolicyMember');
    expect(grants.map((o) => [o.metadata.name, (o.spec as any).role, (o.spec as any).resourceRef])).toEqual([
      ['db-password.secret-accessor.run-api', 'roles/secretmanager.secretAccessor', { kind: 'SecretManagerSecret', name: 'db-password' }],
      [
        'api-key.secret-accessor.ext.acme-prod.iam.gserviceaccount.com',
        'roles/secretmanager.secretAccessor',
        { kind: 'SecretManagerSecret', external: 'projects/acme-prod/secrets/api-key' },
      ],
    ]);
    expectValidCrds(objects);
  });
});

describe('ServiceAccount.grantActAs and PrivateDnsZone.addRecord', () => {
  test('the deployer may act as the account, granted beside it', () => {
    const { app: a, chart } = app();
    new ServiceAccount(chart, 'Account', { ...scope, accountId: 'run-api' }).grantActAs('user:deployer@example.com');
    const objects = renderFiles(a)[0].objects;
    expect(objects.map((o) => o.kind)).toEqual(['IAMServiceAccount', 'IAMPolicyMember']);
    expect(objects[1].spec).toEqual({
      member: 'user:deployer@example.com',
      role: 'roles/iam.serviceAccountUser',
      resourceRef: { kind: 'IAMServiceAccount', name: 'run-api' },
    });
    expectValidCrds(objects);
  });

  test('a record added to the zone goes in the given file and names the zone', () => {
    const { app: a, chart } = app();
    const network = new Network(chart, 'Network', { ...scope, name: 'run-vpc' });
    const zone = new PrivateDnsZone(chart, 'Zone', { network, name: 'private', dnsName: 'internal.acme.example' });
    const lb = new RunnelChart(a, 'lb', { outputPath: 'lb.yaml' });
    const record = zone.addRecord(lb, 'Record', { label: 'api', type: 'A', data: { addressName: 'api-ilb-ip' } });
    expect(record.fqdn).toBe('api.internal.acme.example.');
    const [obj] = renderFiles(a).find((f) => f.path === 'lb.yaml')?.objects ?? [];
    expect(obj.spec).toMatchObject({ name: 'api.internal.acme.example.', managedZoneRef: { name: 'private' } });
    expect((obj.spec as any).rrdatasRefs).toEqual([{ kind: 'ComputeAddress', name: 'api-ilb-ip' }]);
  });
});

describe('PrivateTopology in a user app', () => {
  test('its services take further grants like any RunService', () => {
    const a = testApp();
    const spec = loadTopologyFile(`${__dirname}/../../topology.yaml`).input as TopologySpec;
    const topology = new PrivateTopology(a, 'net', { spec });
    const [first] = [...topology.services.values()];
    first.grantInvoke('user:auditor@example.com');
    const policy = renderFiles(a).find((f) => f.path === `cloud-run-iam/${first.name}.yaml`);
    expect(parse(policy?.content ?? '').bindings[0].members).toContain('user:auditor@example.com');
  });
});
