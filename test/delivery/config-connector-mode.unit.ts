import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTopology } from '../../src/input/load';
import { checkReferences } from '../../src/delivery/references';
import { expectValidCrds } from '../helpers/crd';
import { all, find, Obj, synth } from '../helpers/synth';

// The private-backends topology delivered through Config Connector (test/golden/config-connector): one
// `kubectl apply -f dist/config-connector/` creates everything, Cloud Run services included.
const loaded = parseTopology(readFileSync(join(__dirname, '..', 'golden', 'config-connector', 'topology.yaml'), 'utf8'), 'topology.yaml');
const { files, objects } = synth(loaded.input);

test('every object is a Config Connector object, the namespace or the Application, valid and fully referenced', () => {
  expectValidCrds(objects);
  expect(checkReferences(objects)).toEqual([]);
  expect(objects.filter((o) => o.apiVersion === 'serving.knative.dev/v1')).toEqual([]);
  expect(files.filter((f) => f.path.startsWith('cloud-run')).map((f) => f.path)).toEqual([]);
  expect(files.every((f) => f.path.startsWith('config-connector/') || ['argocd/application.yaml', 'TOPOLOGY.md'].includes(f.path))).toBe(
    true,
  );
});

test('each service is one RunService with the same meaning as its Knative form', () => {
  const api = find(objects, 'RunService', 'api');
  expect(api.spec).toMatchObject({
    location: 'asia-northeast1',
    projectRef: { external: 'projects/acme-prod' },
    ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
    customAudiences: ['https://api.internal.acme.example'],
  });
  expect(api.spec.template.serviceAccountRef).toEqual({ name: 'run-api' });
  expect(api.spec.template.scaling).toEqual({ minInstanceCount: 0, maxInstanceCount: 100 });
  expect(api.spec.template.vpcAccess).toEqual({
    networkInterfaces: [{ networkRef: { name: 'run-vpc' }, subnetworkRef: { name: 'run-vpc-direct' } }],
    egress: 'PRIVATE_RANGES_ONLY',
  });
  const env: Obj[] = api.spec.template.containers[0].env;
  expect(env).toContainEqual({
    name: 'DB_PASSWORD',
    valueSource: { secretKeyRef: { secretRef: { name: 'orders-db-password' }, versionRef: { external: 'latest' } } },
  });
  expect(env).toContainEqual({
    name: 'STRIPE_API_KEY',
    valueSource: { secretKeyRef: { secretRef: { external: 'stripe-api-key' }, versionRef: { external: '3' } } },
  });
  const worker = find(objects, 'RunService', 'worker');
  expect(worker.spec.template.vpcAccess).toEqual({ connectorRef: { name: 'run-vpc-conn' }, egress: 'ALL_TRAFFIC' });
  expect(find(objects, 'RunService', 'ledger').spec.template.serviceAccountRef).toEqual({
    external: 'ledger-runner@acme-security.iam.gserviceaccount.com',
  });
  expect(find(objects, 'RunService', 'web').spec.ingress).toBe('INGRESS_TRAFFIC_ALL');
});

test('the NEG references the RunService by name, so Config Connector waits for it', () => {
  expect(find(objects, 'ComputeRegionNetworkEndpointGroup', 'api-neg').spec.cloudRun.serviceRef).toEqual({ name: 'api' });
});

test("invokers are IAMPolicyMembers on the RunService by name: exactly the callers' accounts, allUsers only for the public one", () => {
  const invokers = all(objects, 'IAMPolicyMember').filter((g) => g.spec.role === 'roles/run.invoker');
  const grants = invokers.map((g) => [g.spec.resourceRef.name, g.spec.memberFrom?.serviceAccountRef?.name ?? g.spec.member]).sort();
  expect(grants).toEqual([
    ['api', 'batch-worker'],
    ['api', 'run-web'],
    ['ledger', 'batch-worker'],
    ['ledger', 'run-api'],
    ['web', 'allUsers'],
  ]);
  expect(invokers.every((g) => g.spec.resourceRef.kind === 'RunService' && g.spec.resourceRef.external === undefined)).toBe(true);
});

test('the namespace is emitted with its project, and every object lands in it', () => {
  const ns = find(objects, 'Namespace', 'config-connector');
  expect(ns.metadata.annotations).toEqual({ 'cnrm.cloud.google.com/project-id': 'acme-prod', 'argocd.argoproj.io/sync-wave': '0' });
  expect(
    objects.filter((o) => o.kind !== 'Namespace' && o.kind !== 'Application').every((o) => o.metadata.namespace === 'config-connector'),
  ).toBe(true);
});

test('what must survive a delete is abandoned and never pruned; the rest is not', () => {
  const stateful = objects.filter((o) => o.metadata.annotations?.['cnrm.cloud.google.com/deletion-policy'] === 'abandon');
  expect([...new Set(stateful.map((o) => o.kind))].sort()).toEqual([
    'ComputeAddress', // the private services access range
    'ComputeNetwork',
    'ComputeSubnetwork',
    'IAMServiceAccount',
    'RedisInstance',
    'SecretManagerSecret',
    'Service', // the enabled APIs: always abandoned, whatever abandonStateful says
    'ServiceNetworkingConnection',
  ]);
  expect(find(objects, 'ComputeAddress', 'run-vpc-psa').metadata.annotations['cnrm.cloud.google.com/deletion-policy']).toBe('abandon');
  expect(find(objects, 'ComputeAddress', 'api-ilb-ip').metadata.annotations['cnrm.cloud.google.com/deletion-policy']).toBeUndefined();
  for (const o of stateful) expect(o.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
  // Besides those, only the created certificate has sync options: pruned last, after the proxy moved to its successor.
  const others = objects.filter((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-options'] && !stateful.includes(o));
  expect(others.map((o) => [o.kind, o.metadata.annotations['argocd.argoproj.io/sync-options']])).toEqual([
    ['ComputeSSLCertificate', 'PruneLast=true'],
  ]);
});

test('abandonStateful: false keeps Argo CD from pruning them but lets Config Connector delete them', () => {
  const spec = JSON.parse(JSON.stringify(loaded.input));
  spec.delivery.abandonStateful = false;
  const out = synth(spec).objects;
  // Only the enabled APIs stay abandoned: disabling an API breaks everything else in the project that uses it.
  expect(out.filter((o) => o.metadata.annotations?.['cnrm.cloud.google.com/deletion-policy']).map((o) => o.kind)).toEqual(
    expect.arrayContaining(['Service']),
  );
  expect(out.filter((o) => o.metadata.annotations?.['cnrm.cloud.google.com/deletion-policy'] && o.kind !== 'Service')).toEqual([]);
  expect(find(out, 'ComputeNetwork').metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
});

test('every Config Connector object says state-into-spec: absent, so Config Connector never edits the spec Argo CD compares', () => {
  for (const o of objects.filter((x) => x.apiVersion.includes('cnrm.cloud.google.com') && x.kind !== 'ConfigConnectorContext')) {
    expect(o.metadata.annotations['cnrm.cloud.google.com/state-into-spec']).toBe('absent');
  }
  // The namespace's default for the same, in the ConfigConnectorContext.
  expect(find(objects, 'ConfigConnectorContext').spec.stateIntoSpec).toBe('Absent');
});

test('the Argo CD Application syncs the Config Connector folder automatically, with retries', () => {
  const app = find(objects, 'Application');
  expect(app.metadata).toEqual({ name: 'run-vpc-topology', namespace: 'argocd' });
  expect(app.spec.source).toEqual({
    repoURL: 'https://github.com/acme/platform-rendered.git',
    targetRevision: 'main',
    path: 'topologies/prod/config-connector',
  });
  expect(app.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'config-connector' });
  expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  expect(app.spec.syncPolicy.retry.limit).toBeGreaterThan(0);
});

test('namespaced mode: the ConfigConnectorContext names the account Config Connector acts as, before everything in the namespace', () => {
  const context = find(objects, 'ConfigConnectorContext');
  expect(context.metadata.name).toBe('configconnectorcontext.core.cnrm.cloud.google.com');
  expect(context.metadata.namespace).toBe('config-connector');
  expect(context.spec.googleServiceAccount).toBe('kcc-prod@acme-platform.iam.gserviceaccount.com');
  expect(files.find((f) => f.path === 'config-connector/namespace.yaml')!.objects.map((o) => (o as Obj).kind)).toEqual([
    'Namespace',
    'ConfigConnectorContext',
  ]);
  const wave = (o: Obj) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
  for (const o of objects.filter((x) => x.metadata.namespace === 'config-connector' && x !== context))
    expect(wave(o)).toBeGreaterThan(wave(context));
  // Without the account, no context; without createNamespace the account is refused (config-connector-service-account).
  const spec = JSON.parse(JSON.stringify(loaded.input));
  delete spec.delivery.configConnectorServiceAccount;
  expect(all(synth(spec).objects, 'ConfigConnectorContext')).toEqual([]);
});

test('the deployer (Config Connector itself here) may act as every account runnel creates, and only those', () => {
  const actAs = all(objects, 'IAMPolicyMember').filter((g) => g.spec.role === 'roles/iam.serviceAccountUser');
  const created = all(objects, 'IAMServiceAccount')
    .map((a) => a.metadata.name)
    .sort();
  expect(actAs.map((g) => g.spec.resourceRef).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
    created.map((name) => ({ kind: 'IAMServiceAccount', name })),
  );
  for (const g of actAs) expect(g.spec.member).toBe('serviceAccount:kcc-prod@acme-platform.iam.gserviceaccount.com');
  expect(created.length).toBeGreaterThan(0);
  // A RunService is applied only after the grant that lets the deployer attach its account.
  const wave = (o: Obj) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
  for (const svc of all(objects, 'RunService').filter((s) => s.spec.template.serviceAccountRef.name)) {
    const grant = actAs.find((g) => g.spec.resourceRef.name === svc.spec.template.serviceAccountRef.name)!;
    expect(wave(grant)).toBeLessThan(wave(svc));
  }
});

test('rotating a self-managed certificate: bumping the version creates the new certificate and moves the proxy, the old one goes last', () => {
  const withCert = (secret: string, version?: number) => {
    const spec = JSON.parse(JSON.stringify(loaded.input));
    const api = spec.services.find((s: Obj) => s.name === 'api');
    api.loadBalancer = { ...api.loadBalancer, https: { certificateSecret: secret, ...(version ? { certificateVersion: version } : {}) } };
    return synth(spec).objects;
  };
  const before = withCert('api-tls');
  const after = withCert('api-tls-2', 2);
  const certs = (objs: Obj[]) => all(objs, 'ComputeSSLCertificate').map((c) => c.metadata.name);
  expect(certs(before)).toEqual(['api-cert']);
  expect(certs(after)).toEqual(['api-cert-v2']);
  expect(find(after, 'ComputeTargetHTTPSProxy').spec.sslCertificates).toEqual([{ name: 'api-cert-v2' }]);
  // A new name is a new object: Config Connector creates it beside the old one instead of updating immutable fields.
  expect(find(after, 'ComputeSSLCertificate').spec.certificate.valueFrom.secretKeyRef.name).toBe('api-tls-2');
  expect(find(before, 'ComputeSSLCertificate').metadata.annotations['argocd.argoproj.io/sync-options']).toBe('PruneLast=true');
  // Nothing else about the load balancer changes.
  const rest = (objs: Obj[]) =>
    objs.filter((o) => ['ComputeForwardingRule', 'ComputeAddress', 'ComputeURLMap'].includes(o.kind)).map((o) => JSON.stringify(o));
  expect(rest(after)).toEqual(rest(before));
});
