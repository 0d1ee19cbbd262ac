import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiOf, requiredApis } from '../../src/project/required-apis';
import { parseTopology } from '../../src/input/load';
import { all, baseTopology, Obj, synth } from '../helpers/synth';
import { benchTopology } from '../../bench/topology';

// What each emitted kind needs, written out independently of the table in src/project/required-apis.ts, so a
// wrong entry there fails here.
const EXPECTED_API: Record<string, string> = {
  ComputeNetwork: 'compute',
  ComputeSubnetwork: 'compute',
  ComputeAddress: 'compute',
  ComputeForwardingRule: 'compute',
  ComputeBackendService: 'compute',
  ComputeURLMap: 'compute',
  ComputeTargetHTTPProxy: 'compute',
  ComputeTargetHTTPSProxy: 'compute',
  ComputeRegionNetworkEndpointGroup: 'compute',
  ComputeRouter: 'compute',
  ComputeRouterNAT: 'compute',
  ComputeSSLCertificate: 'compute',
  VPCAccessConnector: 'vpcaccess',
  DNSManagedZone: 'dns',
  DNSRecordSet: 'dns',
  ServiceNetworkingConnection: 'servicenetworking',
  RedisInstance: 'redis',
  SecretManagerSecret: 'secretmanager',
  IAMServiceAccount: 'iam',
  RunService: 'run',
  // https://cloud.google.com/network-intelligence-center/docs/connectivity-tests/how-to/running-connectivity-tests (enable networkmanagement.googleapis.com)
  NetworkManagementConnectivityTest: 'networkmanagement',
};

/** The APIs the objects of an output need, read from the output itself. */
function neededBy(objects: Obj[]): string[] {
  const apis = new Set<string>();
  for (const o of objects) {
    if (o.apiVersion === 'serving.knative.dev/v1') apis.add('run');
    else if (o.kind === 'IAMPolicyMember') apis.add(EXPECTED_API[o.spec.resourceRef.kind]);
    else if (EXPECTED_API[o.kind]) apis.add(EXPECTED_API[o.kind]);
  }
  return [...apis].sort();
}

const enabled = (objects: Obj[]) =>
  all(objects, 'Service')
    .filter((o) => o.apiVersion.startsWith('serviceusage.'))
    .map((o) => o.metadata.name.replace('.googleapis.com', ''));

const topologies: Array<[string, unknown]> = ['private-backends', 'config-connector', 'private-google-access'].map((g) => [
  g,
  parseTopology(readFileSync(join(__dirname, '..', 'golden', g, 'topology.yaml'), 'utf8'), 'topology.yaml').input,
]);
topologies.push(['default', parseTopology(readFileSync(join(__dirname, '..', '..', 'topology.yaml'), 'utf8'), 'topology.yaml').input]);
topologies.push(['base', baseTopology()]);
topologies.push(['bench-60', benchTopology(60)]);

describe.each(topologies)('enabled APIs of %s', (_name, input) => {
  const { objects } = synth(input);

  test('are exactly the APIs of what is emitted', () => {
    expect(enabled(objects)).toEqual(neededBy(objects));
    expect(enabled(objects)).toContain('run');
  });

  test('are abandoned on delete, never pruned, pinned to the project, and applied before anything else', () => {
    const wave = (o: Obj) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
    const apis = all(objects, 'Service').filter((o) => o.apiVersion.startsWith('serviceusage.'));
    for (const api of apis) {
      expect(api.metadata.annotations).toMatchObject({
        'cnrm.cloud.google.com/deletion-policy': 'abandon',
        'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
        'cnrm.cloud.google.com/project-id': 'acme-prod',
      });
      expect(api.spec).toEqual({ projectRef: { external: 'acme-prod' } });
    }
    const rest = objects.filter(
      (o) => o.apiVersion.includes('.cnrm.cloud.google.com/') && !apis.includes(o) && o.kind !== 'ConfigConnectorContext',
    );
    const lastApi = Math.max(...apis.map(wave));
    for (const o of rest) expect([o.kind, o.metadata.name, wave(o) > lastApi]).toEqual([o.kind, o.metadata.name, true]);
  });
});

test('a minimal topology enables run, compute (the network is always created) and iam for its accounts: no dns, redis or secretmanager', () => {
  const spec = baseTopology();
  spec.services = [{ name: 'api', image: 'asia-northeast1-docker.pkg.dev/acme-prod/run/api:1.0.0' }];
  expect(enabled(synth(spec).objects)).toEqual(['compute', 'iam', 'run']);
  spec.services[0].serviceAccount = 'api@acme-prod.iam.gserviceaccount.com';
  expect(enabled(synth(spec).objects)).toEqual(['compute', 'run']);
});

test('a secret used by reference only still needs Secret Manager (the grant on it, and reading it at start-up)', () => {
  const spec = baseTopology();
  spec.services = [
    { name: 'api', image: 'img', serviceAccount: 'api@acme-prod.iam.gserviceaccount.com', secrets: { TOKEN: { secret: 'token' } } },
  ];
  expect(enabled(synth(spec).objects)).toEqual(['compute', 'run', 'secretmanager']);
});

test('delivery.enableApis: false emits none', () => {
  const spec = baseTopology();
  spec.delivery = { enableApis: false };
  const { objects, files } = synth(spec);
  expect(enabled(objects)).toEqual([]);
  expect(files.map((f) => f.path)).not.toContain('config-connector/apis.yaml');
});

test('a kind without a known API cannot be emitted silently', () => {
  expect(() => apiOf({ apiVersion: 'bigquery.cnrm.cloud.google.com/v1beta1', kind: 'BigQueryDataset' })).toThrow(/no API known/);
  expect(() =>
    apiOf({ apiVersion: 'iam.cnrm.cloud.google.com/v1beta1', kind: 'IAMPolicyMember', grantTargetKind: 'StorageBucket' }),
  ).toThrow(/no API known/);
  expect(
    requiredApis([
      { apiVersion: 'v1', kind: 'Namespace' },
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' },
    ]),
  ).toEqual([]);
});
