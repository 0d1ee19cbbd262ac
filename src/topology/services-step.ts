import { ALL_USERS } from '../iam/invoker-policy';
import { ServiceModel, TopologyModel } from '../model/model';
import { grantName, urlEnvVar } from '../names';
import { Secret } from '../secrets/secret';
import { VpcEgress } from '../serverless/egress';
import { RunService } from '../serverless/run-service';
import { TopologyFiles } from './files';
import { ServiceCopy, serviceCopies } from './regions';
import { accountKeyOf, Identities } from './identity-step';
import { LoadBalancers } from './load-balancing-step';
import { NetworkParts } from './network-step';

/** What the services are wired to: built by the steps before. */
export interface ServiceDependencies {
  readonly net: NetworkParts;
  readonly loadBalancers: LoadBalancers;
  readonly identities: Identities;
  readonly secrets: ReadonlyMap<string, Secret>;
}

/** How a service's egress enters the VPC in one region: that region's connector or Direct VPC subnet. */
function egressOf(s: ServiceModel, net: Pick<NetworkParts, 'subnets' | 'connector'>): VpcEgress {
  if (s.via === 'connector') {
    if (!net.connector) throw new Error(`runnel bug: ${s.name} egresses through a connector, but none was built`);
    return VpcEgress.connector(net.connector, s.route);
  }
  if (s.via === 'direct-vpc') return VpcEgress.directVpc(net.subnets.get('directVpc'), s.route);
  return VpcEgress.none();
}

/**
 * Each Cloud Run service, in its file, with the URLs of its callees and the addresses of its backends; then each
 * service's invokers: exactly its callers' accounts, its `invokers`, and `allUsers` when public (see
 * `RunService.grantInvoke`: an authoritative policy file in Knative format, IAMPolicyMembers in Config Connector's).
 */
export function buildServices(files: TopologyFiles, model: TopologyModel, deps: ServiceDependencies): ReadonlyMap<string, RunService> {
  const built: Array<readonly [ServiceModel, RunService, ServiceCopy]> = [];
  for (const s of model.services) {
    const lbUrls = deps.loadBalancers.urlsOf(s.name);
    // One Cloud Run service per region it runs in (src/topology/regions.ts): the first region's keeps the one-region
    // file and name; a later one's is in `cloud-run/<region>/` (its RunService `<name>-<region>`), egressing through
    // that region's subnet or connector, with the warm instances `failover` asks for.
    for (const copy of serviceCopies(model, s)) {
      const later = copy.primary ? undefined : deps.net.laterRegions.get(copy.region);
      const warm = s.regions.length > 1 && s.failover ? Math.max(s.minInstances, s.failover.minInstancesPerRegion) : s.minInstances;
      const service = new RunService(files.at(copy.outputPath), 'Service', {
        name: s.name,
        ...(copy.objectName !== s.name ? { objectName: copy.objectName } : {}),
        ...(copy.primary ? {} : { invokerPolicyPath: copy.iamOutputPath }),
        project: model.project,
        region: copy.region,
        format: model.delivery.cloudRun,
        namespace: model.namespace,
        image: s.image,
        port: s.port,
        ingress: s.ingress,
        egress: egressOf(s, later ?? deps.net),
        env: s.env,
        secretEnv: Object.fromEntries(
          Object.entries(s.secretEnv).map(([name, ref]) => [
            name,
            { secret: deps.secrets.get(ref.secret) ?? ref.secret, version: ref.version },
          ]),
        ),
        scaling: { minInstances: warm, maxInstances: s.maxInstances },
        serviceAccount: deps.identities.accountOf(s),
        // Callers mint ID tokens for the URL they call: accept every URL the load balancer answers on.
        customAudiences: lbUrls.length > 0 ? lbUrls : undefined,
        ...s.settings,
        ...(s.manifest?.object ? { baseManifest: s.manifest.object } : {}),
      });
      for (const callee of s.calls) {
        // The load balancer's URL, else the deterministic run.app URL.
        service.addEnv(
          urlEnvVar(callee),
          deps.loadBalancers.urlOf(callee) ?? `https://${callee}-${model.projectNumber}.${model.region}.run.app`,
        );
      }
      for (const name of s.uses) {
        const backend = model.backendsByName.get(name);
        if (!backend) throw new Error(`runnel bug: ${s.name} uses ${name}, which is no backend (backend-exists)`);
        // A Redis host known only after apply is left out: synth warns (backend-host-known-after-apply).
        if (backend.host !== undefined) service.addEnv(backend.env.host, backend.host);
        service.addEnv(backend.env.port, String(backend.port));
      }
      built.push([s, service, copy]);
    }
  }
  for (const [s, service, copy] of built) {
    // Each region's copy grants the same members; a later region's grants are named after its RunService object.
    const target = copy.objectName;
    for (const caller of model.callersByName.get(s.name) ?? []) {
      service.grantInvoke(deps.identities.granteeOf(caller), grantName.invoker(target, accountKeyOf(caller)));
    }
    // Members outside the topology (`invokers`), named so they never meet a caller's grant (see grantName).
    for (const [member, name] of grantName.outsideInvokers(target, s.invokers)) service.grantInvoke(member, name);
    if (s.public) service.grantInvoke(ALL_USERS, grantName.publicInvoker(target));
  }
  // By name: the first region's copy (a service only in later regions: its first copy).
  const byName = new Map<string, RunService>();
  for (const [s, service] of built) if (!byName.has(s.name)) byName.set(s.name, service);
  return byName;
}
