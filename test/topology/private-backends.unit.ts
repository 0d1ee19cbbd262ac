import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseTopology } from '../../src/input/load';
import { synthesizeTopology } from '../../src/synth';
import { all, find, Obj, synth } from '../helpers/synth';

// The meaning of the private-backends scenario (test/golden/private-backends): who may invoke whom, where names
// resolve, which services learn which backend, how secrets and Google APIs are reached.
const loaded = parseTopology(readFileSync(join(__dirname, '..', 'golden', 'private-backends', 'topology.yaml'), 'utf8'), 'topology.yaml');
const { files, objects } = synth(loaded.input);
const knative = (name: string) => find(objects, 'Service', name);
const env = (service: string): Obj[] => knative(service).spec.template.spec.containers[0].env ?? [];
const envNames = (service: string) => env(service).map((e) => e.name);
const policy = (service: string) => files.find((f) => f.path === `cloud-run-iam/${service}.yaml`);
const invokers = (service: string): string[] => {
  const text = policy(service)!.content;
  const doc = parse(text);
  expect(doc.bindings).toHaveLength(1);
  expect(doc.bindings[0].role).toBe('roles/run.invoker');
  return doc.bindings[0].members;
};

describe('identities and invokers', () => {
  test('each service runs as its own account unless it names an existing one', () => {
    expect(knative('api').spec.template.spec.serviceAccountName).toBe('run-api@acme-prod.iam.gserviceaccount.com');
    expect(knative('worker').spec.template.spec.serviceAccountName).toBe('batch-worker@acme-prod.iam.gserviceaccount.com');
    expect(knative('ledger').spec.template.spec.serviceAccountName).toBe('ledger-runner@acme-security.iam.gserviceaccount.com');
    expect(
      all(objects, 'IAMServiceAccount')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['batch-worker', 'run-api', 'run-web']);
  });

  test("the invoker policy of each callee names exactly its callers' accounts", () => {
    expect(invokers('api')).toEqual([
      'serviceAccount:batch-worker@acme-prod.iam.gserviceaccount.com',
      'serviceAccount:run-web@acme-prod.iam.gserviceaccount.com',
    ]);
    expect(invokers('ledger')).toEqual([
      'serviceAccount:batch-worker@acme-prod.iam.gserviceaccount.com',
      'serviceAccount:run-api@acme-prod.iam.gserviceaccount.com',
    ]);
  });

  test('allUsers appears only for the public service, and a service nobody calls gets an empty policy', () => {
    expect(invokers('web')).toEqual(['allUsers']);
    // Authoritative and empty: applying it revokes any earlier grant (a former caller, a former allUsers).
    expect(parse(policy('worker')!.content)).toEqual({ bindings: [] });
    const everyPolicy = files
      .filter((f) => f.path.startsWith('cloud-run-iam/'))
      .map((f) => f.content)
      .join('\n');
    expect(everyPolicy.match(/allUsers/g)).toHaveLength(1);
    expect(all(objects, 'IAMPolicyMember').filter((o) => o.spec.member === 'allUsers')).toEqual([]);
  });

  test('a load-balanced callee accepts ID tokens minted for the URL its callers get', () => {
    expect(knative('api').metadata.annotations['run.googleapis.com/custom-audiences']).toBe('["https://api.internal.acme.example"]');
    expect(knative('ledger').metadata.annotations['run.googleapis.com/custom-audiences']).toBeUndefined();
  });

  test('policy files hold no Kubernetes objects and say how to apply them', () => {
    const file = policy('api')!;
    expect(file.objects).toEqual([]);
    expect(file.content).toContain(
      'gcloud run services set-iam-policy api cloud-run-iam/api.yaml --region asia-northeast1 --project acme-prod',
    );
  });
});

describe('private DNS', () => {
  test("the load balancer's record points at the address its forwarding rules use, and callers get the name", () => {
    const record = all(objects, 'DNSRecordSet').find((r) => r.spec.name === 'api.internal.acme.example.')!;
    expect(record.spec.type).toBe('A');
    const zone = find(objects, 'DNSManagedZone', record.spec.managedZoneRef.name);
    expect(zone.spec.dnsName).toBe('internal.acme.example.');
    expect(zone.spec.visibility).toBe('private');
    expect(zone.spec.privateVisibilityConfig.networks[0].networkRef.name).toBe('run-vpc');
    const [ref] = record.spec.rrdatasRefs;
    expect(ref.kind).toBe('ComputeAddress');
    const rules = all(objects, 'ComputeForwardingRule').filter((r) => r.metadata.name.startsWith('api-'));
    expect(rules.map((r) => r.spec.ipAddress.addressRef.name)).toEqual([ref.name]);
    expect(env('web')).toContainEqual({ name: 'API_URL', value: 'https://api.internal.acme.example' });
  });

  test('the run.app zone sends *.run.app to the Private Service Connect endpoint', () => {
    const zone = all(objects, 'DNSManagedZone').find((z) => z.spec.dnsName === 'run.app.')!;
    const record = all(objects, 'DNSRecordSet').find((r) => r.spec.managedZoneRef.name === zone.metadata.name)!;
    expect(record.spec).toMatchObject({ name: '*.run.app.', type: 'A', rrdatas: ['10.255.255.254'] });
  });

  test('without the endpoint, the run.app zone points at private.googleapis.com', () => {
    const spec = { ...(loaded.input as Obj) };
    delete spec.googleApis;
    const result = synthesizeTopology(spec);
    const record = result.files.flatMap((f) => f.objects).find((o) => o.kind === 'DNSRecordSet' && o.spec.name === '*.run.app.')!;
    expect(record.spec.rrdatas).toEqual(['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11']);
  });
});

describe('Private Service Connect for Google APIs', () => {
  test('a global rule on the internal address targets all-apis, and googleapis.com resolves to it', () => {
    const address = find(objects, 'ComputeAddress', 'allapis');
    expect(address.spec).toMatchObject({
      location: 'global',
      addressType: 'INTERNAL',
      purpose: 'PRIVATE_SERVICE_CONNECT',
      address: '10.255.255.254',
    });
    const rule = find(objects, 'ComputeForwardingRule', 'allapis');
    expect(rule.spec).toMatchObject({ location: 'global', loadBalancingScheme: '', target: { googleAPIsBundle: 'all-apis' } });
    expect(rule.spec.ipAddress.addressRef).toEqual({ external: 'projects/acme-prod/global/addresses/allapis' });
    const apex = all(objects, 'DNSRecordSet').find((r) => r.spec.name === 'googleapis.com.')!;
    expect(apex.spec.rrdatas).toEqual(['10.255.255.254']);
    const wildcard = all(objects, 'DNSRecordSet').find((r) => r.spec.name === '*.googleapis.com.')!;
    expect(wildcard.spec).toMatchObject({ type: 'CNAME', rrdatas: ['googleapis.com.'] });
  });
});

describe('backends', () => {
  test('Redis variables reach exactly the services that use it', () => {
    const users = all(objects, 'Service')
      .filter((s) => s.apiVersion === 'serving.knative.dev/v1')
      .filter((s) => envNames(s.metadata.name).includes('CACHE_PORT'))
      .map((s) => s.metadata.name)
      .sort();
    expect(users).toEqual(['api', 'worker']);
    expect(env('worker')).toEqual(
      expect.arrayContaining([
        { name: 'CACHE_HOST', value: '10.40.0.4' },
        { name: 'CACHE_PORT', value: '6379' },
      ]),
    );
    for (const other of ['web', 'ledger']) expect(envNames(other).filter((n) => /CACHE|SESSIONS|DB_/.test(n))).toEqual([]);
  });

  test('a Redis instance whose address comes only after apply gives its port and no host', () => {
    expect(envNames('api')).toContain('SESSIONS_PORT');
    expect(envNames('api')).not.toContain('SESSIONS_HOST');
    const warnings = synthesizeTopology(loaded.input).findings.filter((f) => f.ruleId === 'backend-host-known-after-apply');
    expect(warnings.map((f) => [f.severity, f.path])).toEqual([['warning', 'backends[1].host']]);
  });

  test('an existing endpoint gives the variable names the user chose', () => {
    expect(env('api')).toEqual(
      expect.arrayContaining([
        { name: 'DB_HOST', value: '10.30.0.3' },
        { name: 'DB_PORT', value: '5432' },
      ]),
    );
  });

  test('Redis instances authorize the network; private services access uses the allocated range and its connection', () => {
    const cache = find(objects, 'RedisInstance', 'cache');
    expect(cache.spec).toMatchObject({
      connectMode: 'DIRECT_PEERING',
      reservedIpRange: '10.40.0.0/29',
      tier: 'STANDARD_HA',
      authorizedNetworkRef: { name: 'run-vpc' },
    });
    const sessions = find(objects, 'RedisInstance', 'sessions');
    expect(sessions.spec.connectMode).toBe('PRIVATE_SERVICE_ACCESS');
    const range = find(objects, 'ComputeAddress', sessions.spec.reservedIpRange);
    expect(range.spec).toMatchObject({
      location: 'global',
      purpose: 'VPC_PEERING',
      address: '10.30.0.0',
      prefixLength: 20,
      networkRef: { name: 'run-vpc' },
    });
    const connection = find(objects, 'ServiceNetworkingConnection');
    expect(connection.spec.reservedPeeringRanges).toEqual([{ name: range.metadata.name }]);
  });
});

describe('secrets', () => {
  test('secret variables are references, never values', () => {
    expect(env('api')).toContainEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db-password', key: 'latest' } } });
    expect(env('api')).toContainEqual({ name: 'STRIPE_API_KEY', valueFrom: { secretKeyRef: { name: 'stripe-api-key', key: '3' } } });
  });

  test("only the using service's account may read each secret: created ones by name, existing ones by path", () => {
    const grants = all(objects, 'IAMPolicyMember').filter((g) => g.spec.role === 'roles/secretmanager.secretAccessor');
    expect(grants.map((g) => [g.spec.memberFrom.serviceAccountRef.name, g.spec.resourceRef])).toEqual([
      ['run-api', { kind: 'SecretManagerSecret', name: 'orders-db-password' }],
      ['run-api', { kind: 'SecretManagerSecret', external: 'projects/acme-prod/secrets/stripe-api-key' }],
    ]);
    expect(find(objects, 'SecretManagerSecret', 'orders-db-password').spec).toEqual({ replication: { automatic: true } });
  });
});

describe('HTTPS on the internal load balancer', () => {
  test('port 443 through an HTTPS proxy with the certificate from the TLS secret, and no HTTP beside it', () => {
    const https = find(objects, 'ComputeForwardingRule', 'api-https');
    expect(https.spec.portRange).toBe('443');
    const proxy = find(objects, 'ComputeTargetHTTPSProxy', https.spec.target.targetHTTPSProxyRef.name);
    const cert = find(objects, 'ComputeSSLCertificate', proxy.spec.sslCertificates[0].name);
    expect(cert.spec.certificate.valueFrom.secretKeyRef).toEqual({ name: 'api-tls', key: 'tls.crt' });
    expect(cert.spec.privateKey.valueFrom.secretKeyRef).toEqual({ name: 'api-tls', key: 'tls.key' });
    expect(proxy.spec.urlMapRef.name).toBe('api-urlmap');
    expect(all(objects, 'ComputeForwardingRule').filter((r) => r.metadata.name === 'api-http')).toEqual([]);
  });

  test('HTTPS only with an existing certificate: no HTTP proxy or rule, the certificate by path', () => {
    const spec = JSON.parse(JSON.stringify(loaded.input));
    spec.services[1].loadBalancer = { https: { sslCertificate: 'api-cert-2026' }, http: false };
    const out = synth(spec).objects;
    expect(out.filter((o) => o.kind === 'ComputeTargetHTTPProxy')).toEqual([]);
    expect(out.filter((o) => o.kind === 'ComputeSSLCertificate')).toEqual([]);
    expect(find(out, 'ComputeTargetHTTPSProxy').spec.sslCertificates).toEqual([
      { external: 'projects/acme-prod/regions/asia-northeast1/sslCertificates/api-cert-2026' },
    ]);
    expect(all(out, 'ComputeForwardingRule').map((r) => r.metadata.name)).toEqual(['allapis', 'api-https']);
  });
});
