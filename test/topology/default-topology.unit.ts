import { ApiObject, App, Chart } from 'cdk8s';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isGcloudFile } from '../../src/names';
import { OUTPUT_MARKER } from '../../src/output/write';
import { RunAnnotation } from '../../src/annotations';
import { parseTopology } from '../../src/input/load';
import { checkReferences } from '../../src/delivery/references';
import { expectValidCrds } from '../helpers/crd';
import { all, find, synth, topologyNamedIds } from '../helpers/synth';

// GIVEN the default topology.yaml at the repository root
const loaded = parseTopology(readFileSync(join(__dirname, '..', '..', 'topology.yaml'), 'utf8'), 'topology.yaml');
// WHEN it is synthesized
const { files, objects } = synth(loaded.input);

describe('default topology', () => {
  test('emits every part of the private topology', () => {
    const counts = (kind: string) => all(objects, kind).length;
    expect(all(objects, 'Service').filter((o) => o.apiVersion === 'serving.knative.dev/v1').length).toBe(3);
    expect(counts('ComputeNetwork')).toBe(1);
    expect(counts('ComputeSubnetwork')).toBe(4);
    for (const kind of [
      'VPCAccessConnector',
      'ComputeRegionNetworkEndpointGroup',
      'ComputeBackendService',
      'ComputeURLMap',
      'ComputeTargetHTTPProxy',
      'ComputeAddress',
      'ComputeForwardingRule',
      'ComputeRouter',
      'ComputeRouterNAT',
    ]) {
      expect([kind, counts(kind)]).toEqual([kind, 1]);
    }
  });

  test('every object passes strict CRD validation', () => {
    expectValidCrds(objects);
  });

  test('every reference resolves inside the output', () => {
    expect(checkReferences(objects)).toEqual([]);
  });

  test('lays out one file per chart: Config Connector apart from Cloud Run', () => {
    expect(files.map((f) => f.path)).toEqual([
      'TOPOLOGY.md',
      'cloud-run-iam/batch-service.yaml',
      'cloud-run-iam/client-service.yaml',
      'cloud-run-iam/server-service.yaml',
      'cloud-run/batch-service.yaml',
      'cloud-run/client-service.yaml',
      'cloud-run/server-service.yaml',
      'config-connector/apis.yaml',
      'config-connector/identity-batch-service.yaml',
      'config-connector/identity-client-service.yaml',
      'config-connector/identity-server-service.yaml',
      'config-connector/load-balancer-server-service.yaml',
      'config-connector/network.yaml',
    ]);
  });

  test('every service runs as its own account, and only client-service may invoke server-service', () => {
    for (const name of ['batch-service', 'client-service', 'server-service']) {
      expect(find(objects, 'Service', name).spec.template.spec.serviceAccountName).toBe(`run-${name}@acme-prod.iam.gserviceaccount.com`);
      expect(find(objects, 'IAMServiceAccount', `run-${name}`)).toBeDefined();
    }
    const policy = files.find((f) => f.path === 'cloud-run-iam/server-service.yaml')!.content;
    expect(policy).toContain('      - serviceAccount:run-client-service@acme-prod.iam.gserviceaccount.com\n    role: roles/run.invoker\n');
    expect(policy).not.toContain('batch-service');
  });

  test('the serverless NEG targets the callee, and the backend service uses the NEG by path', () => {
    const neg = find(objects, 'ComputeRegionNetworkEndpointGroup');
    expect(neg.spec.networkEndpointType).toBe('SERVERLESS');
    expect(neg.spec.cloudRun.serviceRef).toEqual({ external: 'server-service' });
    const backend = find(objects, 'ComputeBackendService');
    expect(backend.spec.loadBalancingScheme).toBe('INTERNAL_MANAGED');
    expect(backend.spec.backend).toEqual([
      {
        group: {
          networkEndpointGroupRef: { external: `projects/acme-prod/regions/asia-northeast1/networkEndpointGroups/${neg.metadata.name}` },
        },
        balancingMode: 'UTILIZATION',
        capacityScaler: 1,
      },
    ]);
    expect(find(objects, 'ComputeURLMap').spec.defaultService.backendServiceRef.name).toBe(backend.metadata.name);
  });

  test('the forwarding rule targets the proxy, in the network whose proxy-only subnet exists', () => {
    const rule = find(objects, 'ComputeForwardingRule');
    const proxy = find(objects, 'ComputeTargetHTTPProxy');
    expect(rule.spec.target.targetHTTPProxyRef.name).toBe(proxy.metadata.name);
    expect(proxy.spec.urlMapRef.name).toBe(find(objects, 'ComputeURLMap').metadata.name);
    expect(rule.spec).toMatchObject({ loadBalancingScheme: 'INTERNAL_MANAGED', portRange: '80', ipProtocol: 'TCP' });
    const proxyOnly = all(objects, 'ComputeSubnetwork').filter((s) => s.spec.purpose === 'REGIONAL_MANAGED_PROXY');
    expect(proxyOnly).toHaveLength(1);
    expect(proxyOnly[0].spec).toMatchObject({
      role: 'ACTIVE',
      region: rule.spec.location,
      networkRef: { name: rule.spec.networkRef.name },
    });
    expect(proxyOnly[0].spec.logConfig).toBeUndefined();
    // The rule and its address sit in an ordinary subnet, never the proxy-only one.
    const ruleSubnet = find(objects, 'ComputeSubnetwork', rule.spec.subnetworkRef.name);
    expect(ruleSubnet.spec.purpose).toBe('PRIVATE');
    const address = find(objects, 'ComputeAddress', rule.spec.ipAddress.addressRef.name);
    expect(address.spec).toMatchObject({ addressType: 'INTERNAL', subnetworkRef: { name: ruleSubnet.metadata.name } });
  });

  test("the connector's subnet is a /28 of its own", () => {
    const connector = find(objects, 'VPCAccessConnector');
    const subnet = find(objects, 'ComputeSubnetwork', connector.spec.subnet.nameRef.name);
    expect(subnet.spec.ipCidrRange).toMatch(/\/28$/);
    expect(connector.spec).toMatchObject({ minInstances: 2, maxInstances: 3, projectRef: { external: 'projects/acme-prod' } });
  });

  test("each caller's egress annotations match its declared mode", () => {
    const annotations = (name: string) => find(objects, 'Service', name).spec.template.metadata.annotations;
    const client = annotations('client-service');
    expect(JSON.parse(client[RunAnnotation.NETWORK_INTERFACES])).toEqual([{ network: 'run-vpc', subnetwork: 'run-vpc-direct' }]);
    expect(client[RunAnnotation.VPC_EGRESS]).toBe('private-ranges-only');
    expect(client[RunAnnotation.VPC_CONNECTOR]).toBeUndefined();
    const batch = annotations('batch-service');
    expect(batch[RunAnnotation.VPC_CONNECTOR]).toBe(
      `projects/acme-prod/locations/asia-northeast1/connectors/${find(objects, 'VPCAccessConnector').metadata.name}`,
    );
    expect(batch[RunAnnotation.VPC_EGRESS]).toBe('all-traffic');
    expect(batch[RunAnnotation.NETWORK_INTERFACES]).toBeUndefined();
    const server = annotations('server-service');
    expect(server[RunAnnotation.VPC_EGRESS]).toBeUndefined();
  });

  test('the callee is internal and the caller learns its URL: the load balancer address', () => {
    const server = find(objects, 'Service', 'server-service');
    expect(server.metadata.annotations[RunAnnotation.INGRESS]).toBe('internal');
    const client = find(objects, 'Service', 'client-service');
    const env = client.spec.template.spec.containers[0].env;
    expect(env).toEqual([{ name: 'SERVER_SERVICE_URL', value: `http://${find(objects, 'ComputeAddress').spec.address}` }]);
  });

  test('Cloud NAT translates exactly the all-traffic service’s egress subnet', () => {
    const nat = find(objects, 'ComputeRouterNAT');
    expect(nat.spec.routerRef.name).toBe(find(objects, 'ComputeRouter').metadata.name);
    expect(nat.spec.sourceSubnetworkIpRangesToNat).toBe('LIST_OF_SUBNETWORKS');
    const connector = find(objects, 'VPCAccessConnector');
    expect(nat.spec.subnetwork.map((s: any) => s.subnetworkRef.name)).toEqual([connector.spec.subnet.nameRef.name]);
  });

  test('every name comes from a name the user gave, and none is a cdk8s default', () => {
    // The predicate is shown to catch what cdk8s would name an object left unnamed (computed here, not copied).
    const app = new App();
    const unnamed = new ApiObject(new Chart(app, 'network'), 'Resource', { apiVersion: 'v1', kind: 'ConfigMap' }).name;
    const cdk8sDefault = (name: string) => /-c8[0-9a-f]{6}$/.test(name);
    expect(cdk8sDefault(unnamed)).toBe(true);
    const input = loaded.input as { project: string; network: { name: string }; services: { name: string }[] };
    const given = [input.project, input.network.name, ...input.services.map((s) => s.name)];
    for (const o of objects) expect(cdk8sDefault(o.metadata.name)).toBe(false);
    // Every name but the enabled APIs' (`run.googleapis.com`: the API's own name) carries a name the user gave.
    for (const id of topologyNamedIds(objects)) expect(given.some((g: string) => id.includes(g))).toBe(true);
  });

  test('the same input gives byte-identical files', () => {
    const again = synth(loaded.input).files;
    expect(again.map((f) => f.content)).toEqual(files.map((f) => f.content));
  });

  test('the committed dist/ and dist-gcloud/ are what the default topology synthesizes, and nothing else', () => {
    const folderOf = (path: string) => (isGcloudFile(path) ? 'dist-gcloud' : 'dist');
    for (const f of files) {
      const committed = readFileSync(join(__dirname, '..', '..', folderOf(f.path), f.path), 'utf8');
      if (committed !== f.content) throw new Error(`${folderOf(f.path)}/${f.path} is stale: run \`npm run synth\` and commit it`);
    }
    const listed = (dir: string): string[] =>
      readdirSync(join(__dirname, '..', '..', dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name !== OUTPUT_MARKER)
        .map((e) => `${dir}/${relative(join(__dirname, '..', '..', dir), join(e.parentPath, e.name))}`);
    expect([...listed('dist'), ...listed('dist-gcloud')].sort()).toEqual(files.map((f) => `${folderOf(f.path)}/${f.path}`).sort());
  });
});
