import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Redis } from '../backends/redis';
import { ConnectivityTest } from '../connectivity/connectivity-test';
import { ArgoApplication } from '../delivery/argo-application';
import { ConfigConnectorContext } from '../delivery/config-connector-context';
import { ConfigConnectorNamespace } from '../delivery/namespace';
import { IamGrant } from '../iam/iam-grant';
import { TopologyModel } from '../model/model';
import { connectivityTestPlans } from '../model/paths';
import { sharedVpcGrants } from '../model/shared-vpc-grants';
import { outputPath, resourcePath } from '../names';
import { ApiService } from '../project/api-service';
import { ApiUser, requiredApis } from '../project/required-apis';
import { TopologyFiles } from './files';
import { kccScopeOf, NetworkParts, networkScopeOf } from './network-step';

/** The Config Connector namespace of the topology's objects, and the context that runs them as the topology's account. */
export function buildNamespace(files: TopologyFiles, model: TopologyModel): void {
  if (!model.delivery.createNamespace || !model.namespace) return;
  const file = files.of(model.project, 'namespace.yaml');
  new ConfigConnectorNamespace(file, 'Namespace', { name: model.namespace, project: model.project });
  const account = model.delivery.configConnectorServiceAccount;
  if (account !== undefined) {
    new ConfigConnectorContext(file, 'ConfigConnectorContext', { namespace: model.namespace, googleServiceAccount: account });
  }
}

/** The grants a service project needs in a Shared VPC host (see `sharedVpcGrants`), in the host's folder. */
export function buildSharedVpcGrants(files: TopologyFiles, model: TopologyModel, net: NetworkParts): void {
  for (const g of sharedVpcGrants(model)) {
    new IamGrant(files.of(g.project, 'grants.yaml'), `Grant-${g.name}`, {
      ...networkScopeOf(model),
      project: g.project,
      name: g.name,
      role: g.role,
      member: `serviceAccount:${g.email}`,
      // IAMPolicyMember's resourceRef takes any IAM-capable kind by `external` path (its CRD; Config Connector's
      // samples name a Project as `projects/<id>`).
      target: g.subnet
        ? { kind: 'ComputeSubnetwork', external: net.subnets.get(g.subnet).path }
        : { kind: 'Project', external: resourcePath.project(g.project) },
    });
  }
}

/** Each Redis backend, in its own file, on the network: by direct peering or through private services access. */
export function buildBackends(files: TopologyFiles, model: TopologyModel, net: NetworkParts): void {
  for (const b of model.backends) {
    const redis = b.redis;
    if (!redis) continue;
    const access = net.privateServiceAccess;
    if (redis.connectMode === 'private-service-access' && !access) {
      throw new Error(`runnel bug: ${b.name} connects through private services access, which was not built`);
    }
    new Redis(files.of(model.project, `backend-${b.name}.yaml`), 'Redis', {
      name: b.name,
      region: model.region,
      network: net.network,
      scope: kccScopeOf(model),
      tier: redis.tier,
      memorySizeGb: redis.memorySizeGb,
      version: redis.version,
      connection:
        access && redis.connectMode === 'private-service-access'
          ? { mode: 'private-service-access', access }
          : { mode: 'direct-peering', reservedRange: redis.reservedRange },
    });
  }
}

/** One Connectivity Test per declared call and use the live network can be asked about (`connectivityTestPlans`). */
export function buildConnectivityTests(files: TopologyFiles, model: TopologyModel, net: NetworkParts): void {
  for (const p of connectivityTestPlans(model)) {
    const to = p.redisInstance !== undefined ? `Redis instance ${p.redisInstance}` : `${p.destinationAddress}:${p.port}`;
    new ConnectivityTest(files.of(model.project, 'connectivity-tests.yaml'), `Test-${p.name}`, {
      scope: kccScopeOf(model),
      network: net.network,
      name: p.name,
      region: model.region,
      description: `runnel: ${p.kind} ${p.from} -> ${p.to} (${p.declaredAt}), from ${p.from}'s egress subnet ${p.sourceSubnet} (${p.sourceAddress}) to ${to}`,
      sourceAddress: p.sourceAddress,
      ...(p.redisInstance !== undefined ? { redisInstance: p.redisInstance } : { destinationAddress: p.destinationAddress }),
      port: p.port,
    });
  }
}

/**
 * The APIs of exactly what was emitted (`requiredApis` over every object under `scope`; Cloud Run's is always among
 * them), enabled first: a fresh project has them disabled and refuses the rest. Call it last.
 */
export function buildApis(scope: Construct, files: TopologyFiles, model: TopologyModel): void {
  if (!model.delivery.enableApis) return;
  const users: ApiUser[] = [];
  // Objects of other projects' folders are their owners' (a Shared VPC host's APIs are the network team's).
  const hosted = new Set(files.hostCharts().flatMap((chart) => chart.node.findAll()));
  for (const c of scope.node.findAll()) {
    if (hosted.has(c)) continue;
    if (c instanceof IamGrant) users.push({ apiVersion: c.resource.apiVersion, kind: c.resource.kind, grantTargetKind: c.targetKind });
    else if (c instanceof ApiObject && c.kind !== 'IAMPolicyMember') users.push({ apiVersion: c.apiVersion, kind: c.kind });
  }
  const file = files.of(model.project, 'apis.yaml');
  for (const api of requiredApis(users)) new ApiService(file, `Api-${api}`, { ...kccScopeOf(model), api });
}

/** The Argo CD Application of the Config Connector manifests, in a folder of its own so it never syncs itself. */
export function buildArgoApplication(files: TopologyFiles, model: TopologyModel): void {
  const argo = model.delivery.argocd;
  if (!argo) return;
  new ArgoApplication(files.at(outputPath.argoApplication), 'Application', {
    name: argo.name,
    namespace: argo.namespace,
    project: argo.project,
    repoURL: argo.repoURL,
    targetRevision: argo.targetRevision,
    path: `${argo.path}/config-connector`,
    destinationNamespace: model.namespace,
  });
}
