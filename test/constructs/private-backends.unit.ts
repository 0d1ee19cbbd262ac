import { testApp } from '../helpers/synth';
import { Chart, Testing } from 'cdk8s';
import { PrivateServiceAccess } from '../../src/backends/private-service-access';
import { Redis } from '../../src/backends/redis';
import { GoogleApisEndpoint } from '../../src/connectivity/google-apis-endpoint';
import { DnsRecord } from '../../src/dns/dns-record';
import { PrivateDnsZone } from '../../src/dns/private-zone';
import { IamGrant } from '../../src/iam/iam-grant';
import { InvokerPolicy } from '../../src/iam/invoker-policy';
import { ServiceAccount } from '../../src/iam/service-account';
import { InternalLoadBalancer } from '../../src/lb/internal-lb';
import { TlsCertificate } from '../../src/lb/tls-certificate';
import { Network } from '../../src/network/network';
import { Subnet, SubnetPurpose } from '../../src/network/subnet';
import { renderFiles } from '../../src/output/render';
import { RunnelChart } from '../../src/delivery/runnel-chart';
import { Secret } from '../../src/secrets/secret';
import { RunService } from '../../src/serverless/run-service';
import { expectValidCrds } from '../helpers/crd';

function setup() {
  const app = testApp();
  const chart = new Chart(app, 'test');
  const network = new Network(chart, 'Network', { name: 'run-vpc', project: 'acme-prod', namespace: 'kcc' });
  return { app, chart, network };
}

const byKind = (objs: any[], kind: string) => objs.filter((o) => o.kind === kind);

describe('Redis and PrivateServiceAccess', () => {
  test('direct peering: the network authorized, the /29 as reserved range, explicit size and version', () => {
    // GIVEN a Redis instance with its own /29
    const { chart, network } = setup();
    new Redis(chart, 'Cache', {
      name: 'cache',
      region: 'asia-northeast1',
      network,
      connection: { mode: 'direct-peering', reservedRange: '10.40.0.0/29' },
    });
    // WHEN synthesized
    const [redis] = byKind(Testing.synth(chart), 'RedisInstance');
    // THEN
    expect(redis.spec).toEqual({
      region: 'asia-northeast1',
      tier: 'BASIC',
      memorySizeGb: 1,
      redisVersion: 'REDIS_7_2',
      authorizedNetworkRef: { name: 'run-vpc' },
      connectMode: 'DIRECT_PEERING',
      reservedIpRange: '10.40.0.0/29',
    });
    expectValidCrds(Testing.synth(chart));
  });

  test('private services access: the allocated range by name, the connection peering it', () => {
    const { chart, network } = setup();
    const access = new PrivateServiceAccess(chart, 'Psa', { network, name: 'run-vpc-psa', cidr: '10.30.0.0/20' });
    new Redis(chart, 'Sessions', {
      name: 'sessions',
      region: 'asia-northeast1',
      network,
      connection: { mode: 'private-service-access', access },
    });
    const objs = Testing.synth(chart);
    expect(byKind(objs, 'RedisInstance')[0].spec).toMatchObject({ connectMode: 'PRIVATE_SERVICE_ACCESS', reservedIpRange: 'run-vpc-psa' });
    expect(byKind(objs, 'ComputeAddress')[0].spec).toEqual({
      location: 'global',
      addressType: 'INTERNAL',
      purpose: 'VPC_PEERING',
      address: '10.30.0.0',
      prefixLength: 20,
      networkRef: { name: 'run-vpc' },
    });
    expect(byKind(objs, 'ServiceNetworkingConnection')[0].spec).toEqual({
      networkRef: { name: 'run-vpc' },
      service: 'servicenetworking.googleapis.com',
      reservedPeeringRanges: [{ name: 'run-vpc-psa' }],
    });
    expectValidCrds(objs);
  });

  test('an invalid instance ID fails validation, naming the rule', () => {
    const { chart, network } = setup();
    new Redis(chart, 'Cache', { name: 'Cache_1', region: 'asia-northeast1', network });
    expect(() => Testing.synth(chart)).toThrow(/not a valid Memorystore for Redis instance ID name/);
  });
});

describe('ServiceAccount, IamGrant and Secret', () => {
  test('a grant on a secret in the output names the account by reference; on an existing one, by path', () => {
    const { chart } = setup();
    const kcc = { project: 'acme-prod', namespace: 'kcc' };
    const account = new ServiceAccount(chart, 'Sa', { ...kcc, accountId: 'run-api' });
    new Secret(chart, 'Secret', { ...kcc, name: 'db-password' });
    new IamGrant(chart, 'G1', {
      ...kcc,
      name: 'g1',
      role: 'roles/secretmanager.secretAccessor',
      member: account,
      target: { kind: 'SecretManagerSecret', name: 'db-password' },
    });
    new IamGrant(chart, 'G2', {
      ...kcc,
      name: 'g2',
      role: 'roles/secretmanager.secretAccessor',
      member: 'serviceAccount:x@y.iam.gserviceaccount.com',
      target: { kind: 'SecretManagerSecret', external: 'projects/acme-prod/secrets/other' },
    });
    const objs = Testing.synth(chart);
    expect(account.email).toBe('run-api@acme-prod.iam.gserviceaccount.com');
    const [g1, g2] = byKind(objs, 'IAMPolicyMember');
    expect(g1.spec).toEqual({
      memberFrom: { serviceAccountRef: { name: 'run-api' } },
      role: 'roles/secretmanager.secretAccessor',
      resourceRef: { kind: 'SecretManagerSecret', name: 'db-password' },
    });
    expect(g2.spec).toEqual({
      member: 'serviceAccount:x@y.iam.gserviceaccount.com',
      role: 'roles/secretmanager.secretAccessor',
      resourceRef: { kind: 'SecretManagerSecret', external: 'projects/acme-prod/secrets/other' },
    });
    expectValidCrds(objs);
  });

  test('an account ID under 6 characters fails validation', () => {
    const { chart } = setup();
    new ServiceAccount(chart, 'Sa', { project: 'acme-prod', accountId: 'api' });
    expect(() => Testing.synth(chart)).toThrow(/accountId: .*service account ID/);
  });
});

describe('InvokerPolicy', () => {
  test('renders a policy file of sorted, unique members and no Kubernetes object', () => {
    const app = testApp();
    new InvokerPolicy(app, 'P', {
      project: 'acme-prod',
      region: 'asia-northeast1',
      service: 'api',
      outputPath: 'cloud-run-iam/api.yaml',
      members: [
        'serviceAccount:b@p.iam.gserviceaccount.com',
        'serviceAccount:a@p.iam.gserviceaccount.com',
        'serviceAccount:b@p.iam.gserviceaccount.com',
      ],
    });
    const [file] = renderFiles(app);
    expect(file.path).toBe('cloud-run-iam/api.yaml');
    expect(file.objects).toEqual([]);
    expect(file.content).toMatch(/^# Generated by runnel/);
    expect(file.content).toContain(
      'bindings:\n  - members:\n      - serviceAccount:a@p.iam.gserviceaccount.com\n      - serviceAccount:b@p.iam.gserviceaccount.com\n    role: roles/run.invoker\n',
    );
  });
});

describe('PrivateDnsZone, DnsRecord and GoogleApisEndpoint', () => {
  test('a private zone on the network; a record by address reference and one by data', () => {
    const { chart, network } = setup();
    const zone = new PrivateDnsZone(chart, 'Zone', { network, name: 'run-vpc-private', dnsName: 'internal.acme.example' });
    new DnsRecord(chart, 'Api', { zone, label: 'api', type: 'A', data: { addressName: 'api-ilb-ip' } });
    new DnsRecord(chart, 'Apex', { zone, label: '@', type: 'A', data: { rrdatas: ['10.0.0.1'] } });
    const objs = Testing.synth(chart);
    expect(byKind(objs, 'DNSManagedZone')[0].spec).toEqual({
      dnsName: 'internal.acme.example.',
      visibility: 'private',
      privateVisibilityConfig: { networks: [{ networkRef: { name: 'run-vpc' } }] },
    });
    const [api, apex] = byKind(objs, 'DNSRecordSet');
    expect(api.spec).toEqual({
      name: 'api.internal.acme.example.',
      type: 'A',
      ttl: 300,
      managedZoneRef: { name: 'run-vpc-private' },
      rrdatasRefs: [{ kind: 'ComputeAddress', name: 'api-ilb-ip' }],
    });
    expect(apex.spec.name).toBe('internal.acme.example.');
    expect(api.metadata.name).toBe('run-vpc-private-api-a');
    expectValidCrds(objs);
  });

  test('a PSC endpoint: the global address, the all-apis rule, googleapis.com to the address', () => {
    const { chart, network } = setup();
    new GoogleApisEndpoint(chart, 'Apis', { network, name: 'allapis', address: '10.255.255.254', zoneName: 'run-vpc-googleapis' });
    const objs = Testing.synth(chart);
    expect(byKind(objs, 'ComputeForwardingRule')[0].spec.target).toEqual({ googleAPIsBundle: 'all-apis' });
    // The rule names its address by path, as a Private Service Connect rule must (a name would send the literal).
    expect(byKind(objs, 'ComputeForwardingRule')[0].spec.ipAddress).toEqual({
      addressRef: { external: 'projects/acme-prod/global/addresses/allapis' },
    });
    expect(byKind(objs, 'ComputeAddress')[0].metadata.name).toBe('allapis');
    expect(byKind(objs, 'DNSRecordSet').map((r) => [r.spec.name, r.spec.type, r.spec.rrdatas])).toEqual([
      ['googleapis.com.', 'A', ['10.255.255.254']],
      ['*.googleapis.com.', 'CNAME', ['googleapis.com.']],
    ]);
    expectValidCrds(objs);
  });

  test('an endpoint name with a hyphen fails validation', () => {
    const { chart, network } = setup();
    new GoogleApisEndpoint(chart, 'Apis', { network, name: 'all-apis', address: '10.255.255.254', zoneName: 'z-googleapis' });
    expect(() => Testing.synth(chart)).toThrow(/Private Service Connect endpoint/);
  });
});

describe('InternalLoadBalancer with HTTPS', () => {
  const lb = (props: { https?: TlsCertificate; http?: boolean; hostname?: string }) => {
    const { app, network } = setup();
    const chart = new RunnelChart(app, 'lb', { outputPath: 'lb.yaml' });
    const subnet = new Subnet(chart, 'W', { network, name: 'w', region: 'asia-northeast1', cidr: '10.10.0.0/24' });
    const proxyOnly = new Subnet(chart, 'P', {
      network,
      name: 'p',
      region: 'asia-northeast1',
      cidr: '10.10.10.0/23',
      purpose: SubnetPurpose.REGIONAL_MANAGED_PROXY,
    });
    const balancer = new InternalLoadBalancer(chart, 'Lb', {
      service: 'api',
      subnet,
      proxyOnlySubnet: proxyOnly,
      address: '10.10.0.9',
      ...props,
    });
    return { balancer, objs: Testing.synth(chart) };
  };

  test('HTTPS closes HTTP unless asked for: one rule, one URL, one audience', () => {
    const { balancer, objs } = lb({ https: TlsCertificate.fromSecret('api-tls'), hostname: 'api.internal.acme.example' });
    expect(byKind(objs, 'ComputeForwardingRule').map((r) => r.spec.portRange)).toEqual(['443']);
    expect(byKind(objs, 'ComputeTargetHTTPProxy')).toEqual([]);
    expect(balancer.urls).toEqual(['https://api.internal.acme.example']);
  });

  test('HTTPS from a secret beside HTTP: two rules on one address, the URL by name over https, both audiences', () => {
    const { balancer, objs } = lb({ https: TlsCertificate.fromSecret('api-tls'), http: true, hostname: 'api.internal.acme.example' });
    expect(byKind(objs, 'ComputeForwardingRule').map((r) => [r.metadata.name, r.spec.portRange, r.spec.ipAddress.addressRef.name])).toEqual(
      [
        ['api-http', '80', 'api-ilb-ip'],
        ['api-https', '443', 'api-ilb-ip'],
      ],
    );
    expect(byKind(objs, 'ComputeSSLCertificate')[0].metadata.name).toBe('api-cert');
    expect(balancer.url).toBe('https://api.internal.acme.example');
    expect(balancer.urls).toEqual(['https://api.internal.acme.example', 'http://api.internal.acme.example']);
    expectValidCrds(objs);
  });

  test('HTTPS only with an existing certificate', () => {
    const { balancer, objs } = lb({ https: TlsCertificate.fromExisting('c1'), http: false });
    expect(byKind(objs, 'ComputeTargetHTTPProxy')).toEqual([]);
    expect(byKind(objs, 'ComputeTargetHTTPSProxy')[0].spec.sslCertificates).toEqual([
      { external: 'projects/acme-prod/regions/asia-northeast1/sslCertificates/c1' },
    ]);
    expect(balancer.url).toBe('https://10.10.0.9');
  });

  test('a versioned certificate from a secret: the version is in its name, and Argo CD prunes the old one last', () => {
    const { objs } = lb({ https: TlsCertificate.fromSecret('api-tls-2', 2), hostname: 'api.internal.acme.example' });
    const [cert] = byKind(objs, 'ComputeSSLCertificate');
    expect(cert.metadata.name).toBe('api-cert-v2');
    expect(cert.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('PruneLast=true');
    expect(cert.spec.certificate.valueFrom.secretKeyRef).toEqual({ name: 'api-tls-2', key: 'tls.crt' });
    expect(byKind(objs, 'ComputeTargetHTTPSProxy')[0].spec.sslCertificates).toEqual([{ name: 'api-cert-v2' }]);
    expect(() => TlsCertificate.fromSecret('api-tls', 0)).toThrow(/positive integer/);
    expectValidCrds(objs);
  });

  test('a Certificate Manager certificate: referenced by path, no SSL certificate created or referenced', () => {
    const { objs } = lb({ https: TlsCertificate.fromCertificateManager('api'), http: false });
    const [proxy] = byKind(objs, 'ComputeTargetHTTPSProxy');
    expect(proxy.spec.certificateManagerCertificates).toEqual([
      { external: 'projects/acme-prod/locations/asia-northeast1/certificates/api' },
    ]);
    expect(proxy.spec.sslCertificates).toBeUndefined();
    expect(byKind(objs, 'ComputeSSLCertificate')).toEqual([]);
    expectValidCrds(objs);
  });

  test('neither HTTP nor HTTPS cannot be built', () => {
    expect(() => lb({ http: false })).toThrow(/neither HTTP nor HTTPS/);
  });
});

describe('RunService secrets', () => {
  test('secret variables are rendered by reference, sorted among literal ones', () => {
    const app = testApp();
    const chart = new Chart(app, 'run');
    new RunService(chart, 'Svc', {
      name: 'api',
      project: 'acme-prod',
      region: 'asia-northeast1',
      image: 'img',
      env: { A: '1', Z: '2' },
      secretEnv: { M_TOKEN: { secret: 'm-token' } },
    });
    const [svc] = Testing.synth(chart);
    expect(svc.spec.template.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'M_TOKEN', valueFrom: { secretKeyRef: { name: 'm-token', key: 'latest' } } },
      { name: 'Z', value: '2' },
    ]);
    expectValidCrds([svc]);
  });
});
