import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PrivateServiceAccess } from '../backends/private-service-access';
import { Redis } from '../backends/redis';
import { GoogleApisEndpoint } from '../connectivity/google-apis-endpoint';
import { DnsRecord } from '../dns/dns-record';
import { PrivateDnsZone } from '../dns/private-zone';
import { IamGrant } from '../iam/iam-grant';
import { ALL_USERS, INVOKER_ROLE, InvokerPolicy } from '../iam/invoker-policy';
import { ConnectivityTest } from '../connectivity/connectivity-test';
import { connectivityTestPlans } from '../model/paths';
import { ServiceAccount } from '../iam/service-account';
import { InternalLoadBalancer } from '../lb/internal-lb';
import { TlsCertificate } from '../lb/tls-certificate';
import { ServerlessBackend } from '../lb/serverless-backend';
import { SharedInternalLoadBalancer } from '../lb/shared-internal-lb';
import { CrossRegionInternalLoadBalancer } from '../lb/cross-region-internal-lb';
import {
  createCrossRegionLoadBalancers,
  createLaterRegionNetworks,
  egressIn,
  RegionNetwork,
  serviceCopies,
  subnetPurposeOf,
} from './regions';
import { KccScope } from '../kcc';
import { ConfigConnectorNamespace } from '../delivery/namespace';
import { ConfigConnectorContext } from '../delivery/config-connector-context';
import { ApiService } from '../project/api-service';
import { ApiUser, requiredApis } from '../project/required-apis';
import { ArgoApplication } from '../delivery/argo-application';
import { grantName, hostFolder, resourcePath, sharedLoadBalancerNames, SubnetRole, urlEnvVar } from '../names';
import { sharedVpcGrants } from '../model/shared-vpc-grants';
import { CloudNat } from '../nat/cloud-nat';
import { Network } from '../network/network';
import { Subnet, SubnetPurpose } from '../network/subnet';
import { RunnelChart } from '../delivery/runnel-chart';
import { EgressRoute, VpcEgress } from '../serverless/egress';
import { Ingress, RunService, ServiceFormat } from '../serverless/run-service';
import { IVpcConnector, VpcConnector } from '../serverless/vpc-connector';
import { Secret } from '../secrets/secret';
import { Finding } from '../finding';
import { hasErrors, validateTopology } from '../check/engine';
import { formatFindings } from '../check/report';
import { LoadBalancerModel, ServiceModel, TopologyModel } from '../model/model';
import { TopologySpec } from '../input/spec';

/**
 * private.googleapis.com: the Private Google Access VIPs a private `run.app` zone points at.
 * @see https://cloud.google.com/vpc/docs/configure-private-google-access#domain-options
 */
export const PRIVATE_GOOGLE_ACCESS_VIPS = ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'];

const SECRET_ACCESSOR_ROLE = 'roles/secretmanager.secretAccessor';
/**
 * Holds `iam.serviceAccounts.actAs`, which attaching a service account to a Cloud Run service needs.
 * @see https://cloud.google.com/run/docs/configuring/services/service-identity
 */
const SERVICE_ACCOUNT_USER_ROLE = 'roles/iam.serviceAccountUser';

/** A service's account as object names take it: the ID of the account runnel creates, or the existing one's email. */
function accountOf(s: ServiceModel): string {
  return s.accountId ?? s.serviceAccount;
}

/** The services running as each account runnel creates, in file order. */
function accountUsers(model: TopologyModel): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const s of model.services) {
    if (s.accountId === undefined) continue;
    const list = users.get(s.accountId);
    if (list) list.push(s.name);
    else users.set(s.accountId, [s.name]);
  }
  return users;
}

/**
 * `Cloud Run service api`, or for a shared account `Cloud Run services api, web`, cut to the 100 characters a
 * display name may have (https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts, displayName).
 */
function accountDisplayName(services: readonly string[]): string {
  if (services.length === 1) return `Cloud Run service ${services[0]}`;
  let shown = services.length;
  const text = (n: number) =>
    `Cloud Run services ${services.slice(0, n).join(', ')}${n < services.length ? ` and ${services.length - n} more` : ''}`;
  while (shown > 1 && text(shown).length > 100) shown--;
  return text(shown);
}

/** The certificate a load balancer's `https` names, if any. */
function certificateOf(https: LoadBalancerModel['https']): TlsCertificate | undefined {
  if (https?.certificateSecret) return TlsCertificate.fromSecret(https.certificateSecret, https.certificateVersion);
  if (https?.sslCertificate) return TlsCertificate.fromExisting(https.sslCertificate);
  if (https?.certificateManagerCertificate) return TlsCertificate.fromCertificateManager(https.certificateManagerCertificate);
  return undefined;
}

function kccScopeOf(model: TopologyModel): KccScope {
  return { project: model.project, namespace: model.namespace, abandonStateful: model.delivery.abandonStateful };
}

/** Where the network's own objects go (NAT, grants on its subnets, its zones): its project, a Shared VPC's host. */
function networkScopeOf(model: TopologyModel): KccScope {
  return { ...kccScopeOf(model), project: model.network.project };
}

export interface PrivateTopologyProps {
  /**
   * The topology, as in topology.yaml: validated here, and a topology with errors builds nothing and fails
   * synthesis with every finding. Exactly one of `spec` and `model`.
   */
  readonly spec?: TopologySpec;
  /**
   * A topology `validateTopology` has already resolved and found free of errors (what `synthesizeTopology`
   * passes, so a synth validates once). Exactly one of `spec` and `model`.
   */
  readonly model?: TopologyModel;
  /**
   * Name of the input in messages.
   * @default 'topology'
   */
  readonly source?: string;
}

/**
 * A whole private Cloud Run topology from intent: network, subnets, connector, internal load balancers,
 * Cloud NAT and the services, each in its own chart (one output file). A topology with errors builds nothing
 * and fails synthesis with every finding.
 */
export class PrivateTopology extends Construct {
  public readonly findings: readonly Finding[];
  public readonly model?: TopologyModel;
  public readonly services = new Map<string, RunService>();
  public readonly loadBalancers = new Map<string, InternalLoadBalancer>();
  /** The one load balancer of every callee, in shared mode (`loadBalancing.mode: shared`). */
  public sharedLoadBalancer?: SharedInternalLoadBalancer;
  private readonly subnets: Partial<Record<SubnetRole, Subnet>> = {};
  /** The regions after the first (`regions`): their subnets and connectors. */
  private laterRegions = new Map<string, RegionNetwork>();
  /** The cross-region load balancer of each service running in several regions. */
  private readonly crossRegion = new Map<string, CrossRegionInternalLoadBalancer>();
  private connector?: IVpcConnector;
  private networkChartOf?: () => RunnelChart;
  /** Charts of other projects' folders (`host-<project>/<file>`), by path. */
  private readonly hostCharts = new Map<string, RunnelChart>();
  private privateServiceAccess?: PrivateServiceAccess;
  private dnsZone?: PrivateDnsZone;
  private googleApis?: GoogleApisEndpoint;
  private readonly secrets = new Map<string, Secret>();
  /** The accounts runnel creates, by account ID. */
  private readonly accounts = new Map<string, ServiceAccount>();
  private readonly grantNames = new Set<string>();

  constructor(scope: Construct, id: string, props: PrivateTopologyProps) {
    super(scope, id);
    if ((props.spec === undefined) === (props.model === undefined)) {
      throw new Error('PrivateTopology takes exactly one of `spec` and `model`');
    }
    const result = props.model ? { findings: [], model: props.model } : validateTopology(props.spec);
    this.findings = result.findings;
    const model = result.model;
    if (hasErrors(result.findings) || !model) {
      const report = formatFindings(props.source ?? 'topology', result.findings);
      this.node.addValidation({ validate: () => [report] });
      return;
    }
    this.model = model;
    this.createNamespace(model);
    const network = this.createNetwork(model);
    this.createNat(model, network);
    this.createPrivateServiceAccess(model, network);
    this.createGoogleApis(model, network);
    this.createDns(model, network);
    this.createLoadBalancers(model, network);
    this.createSharedVpcGrants(model);
    this.createBackends(model, network);
    this.createConnectivityTests(model, network);
    this.createSecrets(model);
    this.createServices(model);
    this.createInvokerPolicies(model);
    this.createApis(model);
    this.createArgoApplication(model);
  }

  /** The Argo CD Application of the Config Connector manifests, in a folder of its own so it never syncs itself. */
  private createArgoApplication(model: TopologyModel): void {
    const argo = model.delivery.argocd;
    if (!argo) return;
    const chart = new RunnelChart(this, 'argocd', { outputPath: 'argocd/application.yaml' });
    new ArgoApplication(chart, 'Application', {
      name: argo.name,
      namespace: argo.namespace,
      project: argo.project,
      repoURL: argo.repoURL,
      targetRevision: argo.targetRevision,
      path: `${argo.path}/config-connector`,
      destinationNamespace: model.namespace,
    });
  }

  /** One Connectivity Test per declared call and use the live network can be asked about (`connectivityTestPlans`). */
  private createConnectivityTests(model: TopologyModel, network: Network): void {
    const plans = connectivityTestPlans(model);
    if (plans.length === 0) return;
    const chart = new RunnelChart(this, 'connectivity-tests', { outputPath: 'config-connector/connectivity-tests.yaml' });
    for (const p of plans) {
      const to = p.redisInstance !== undefined ? `Redis instance ${p.redisInstance}` : `${p.destinationAddress}:${p.port}`;
      new ConnectivityTest(chart, `Test-${p.name}`, {
        scope: kccScopeOf(model),
        network,
        name: p.name,
        region: model.region,
        description: `runnel: ${p.kind} ${p.from} -> ${p.to} (${p.declaredAt}), from ${p.from}'s egress subnet ${p.sourceSubnet} (${p.sourceAddress}) to ${to}`,
        sourceAddress: p.sourceAddress,
        ...(p.redisInstance !== undefined ? { redisInstance: p.redisInstance } : { destinationAddress: p.destinationAddress }),
        port: p.port,
      });
    }
  }

  private createNamespace(model: TopologyModel): void {
    if (!model.delivery.createNamespace || !model.namespace) return;
    const chart = new RunnelChart(this, 'namespace', { outputPath: 'config-connector/namespace.yaml' });
    new ConfigConnectorNamespace(chart, 'Namespace', { name: model.namespace, project: model.project });
    const account = model.delivery.configConnectorServiceAccount;
    if (account !== undefined) {
      new ConfigConnectorContext(chart, 'ConfigConnectorContext', { namespace: model.namespace, googleServiceAccount: account });
    }
  }

  /**
   * The APIs of exactly what was emitted (`requiredApis` over every object in the tree; Cloud Run's is always among
   * them), enabled first: a fresh project has them disabled and refuses the rest.
   */
  private createApis(model: TopologyModel): void {
    if (!model.delivery.enableApis) return;
    const users: ApiUser[] = [];
    // Objects of other projects' folders are their owners' (a Shared VPC host's APIs are the network team's).
    const hosted = new Set([...this.hostCharts.values()].flatMap((chart) => chart.node.findAll()));
    for (const c of this.node.findAll()) {
      if (hosted.has(c)) continue;
      if (c instanceof IamGrant) users.push({ apiVersion: c.resource.apiVersion, kind: c.resource.kind, grantTargetKind: c.targetKind });
      else if (c instanceof ApiObject && c.kind !== 'IAMPolicyMember') users.push({ apiVersion: c.apiVersion, kind: c.kind });
    }
    const chart = new RunnelChart(this, 'apis', { outputPath: 'config-connector/apis.yaml' });
    for (const api of requiredApis(users)) new ApiService(chart, `Api-${api}`, { ...kccScopeOf(model), api });
  }

  /**
   * The chart of a file for another project (`host-<project>/<file>`), created on first use: what that project's
   * owners (the network team of a Shared VPC host) review and apply with their own credentials.
   */
  private hostChart(project: string, file: string): RunnelChart {
    const path = `${hostFolder(project)}/${file}`;
    let chart = this.hostCharts.get(path);
    if (!chart) {
      chart = new RunnelChart(this, `host-${project}-${file.replace(/\.yaml$/, '')}`, { outputPath: path });
      this.hostCharts.set(path, chart);
    }
    return chart;
  }

  /** The chart of objects in `project`'s own files: the service project's `config-connector/<file>`, else a host folder. */
  private chartFor(model: TopologyModel, project: string, id: string, file: string): RunnelChart {
    return project === model.project
      ? new RunnelChart(this, id, { outputPath: `config-connector/${file}` })
      : this.hostChart(project, file);
  }

  private createNetwork(model: TopologyModel): Network {
    const existing = model.network.existing;
    let chart: RunnelChart | undefined;
    // The network's file holds the objects on it; an existing network's only when something is emitted there.
    this.networkChartOf = () => (chart ??= this.chartFor(model, model.network.project, 'network', 'network.yaml'));
    if (!existing) this.networkChartOf();
    const scope = existing ? this : this.networkChartOf();
    const network = existing
      ? Network.fromExisting(this, 'ExistingNetwork', { name: model.network.name, ...networkScopeOf(model) })
      : new Network(scope, 'Network', { name: model.network.name, ...kccScopeOf(model) });
    for (const s of Object.values(model.subnets).filter((x) => x.needed)) {
      const purpose = subnetPurposeOf(s.role);
      const proxyOnly = purpose !== SubnetPurpose.PRIVATE;
      this.subnets[s.role] = existing
        ? Subnet.fromExisting(this, `ExistingSubnet-${s.role}`, { network, name: s.name, region: model.region, cidr: s.cidr, purpose })
        : new Subnet(scope, `Subnet-${s.role}`, {
            network,
            name: s.name,
            region: model.region,
            cidr: s.cidr,
            purpose,
            privateGoogleAccess: proxyOnly ? undefined : s.privateGoogleAccess,
          });
    }
    if (model.connector.existing !== undefined) {
      this.connector = VpcConnector.fromPath(model.connector.existing);
    } else if (model.connector.needed) {
      // On a Shared VPC the connector is the service project's, on the host's subnet: its file is the service
      // project's network file.
      const connectorChart = model.network.shared
        ? this.chartFor(model, model.project, 'connector', 'network.yaml')
        : this.networkChartOf();
      this.connector = new VpcConnector(connectorChart, 'Connector', {
        name: model.connector.name,
        subnet: this.subnets.connector!,
        minInstances: model.connector.minInstances,
        maxInstances: model.connector.maxInstances,
        machineType: model.connector.machineType,
        project: model.project,
      });
    }
    if (model.regions.length > 1) this.laterRegions = createLaterRegionNetworks(this.networkChartOf(), model, network);
    return network;
  }

  private createNat(model: TopologyModel, network: Network): void {
    if (model.nat.subnets.length === 0) return;
    // NAT belongs with the network it serves: same chart, same file.
    new CloudNat(this.networkChartOf!(), 'Nat', {
      network,
      region: model.region,
      routerName: model.nat.routerName,
      natName: model.nat.name,
      subnets: model.nat.subnets.map((role) => this.subnets[role]!),
    });
  }

  private createPrivateServiceAccess(model: TopologyModel, network: Network): void {
    const psa = model.privateServiceAccess;
    if (!psa.needed) return;
    this.privateServiceAccess = new PrivateServiceAccess(this.networkChartOf!(), 'PrivateServiceAccess', {
      network,
      name: psa.name,
      cidr: psa.cidr,
    });
  }

  private createGoogleApis(model: TopologyModel, network: Network): void {
    if (!model.psc) return;
    const chart = this.chartFor(model, model.network.project, 'google-apis', 'google-apis.yaml');
    this.googleApis = new GoogleApisEndpoint(chart, 'Endpoint', {
      network,
      name: model.psc.name,
      address: model.psc.address,
      zoneName: model.psc.zoneName,
    });
  }

  private createDns(model: TopologyModel, network: Network): void {
    if (!model.dns) return;
    const zoneProject = model.dns.existingZone?.project ?? model.network.project;
    let chart: RunnelChart | undefined;
    const chartOf = (project: string) =>
      project === zoneProject
        ? (chart ??= this.chartFor(model, project, 'dns', 'dns.yaml'))
        : this.chartFor(model, project, 'dns', 'dns.yaml');
    if (model.dns.domain !== undefined && model.dns.existingZone) {
      this.dnsZone = PrivateDnsZone.fromExisting(this, 'ExistingZone', {
        network,
        project: model.dns.existingZone.project,
        name: model.dns.existingZone.name,
        dnsName: model.dns.domain,
      });
    } else if (model.dns.domain !== undefined) {
      this.dnsZone = new PrivateDnsZone(chartOf(zoneProject), 'Zone', {
        network,
        name: model.dns.zoneName,
        dnsName: model.dns.domain,
        description: 'Internal load balancers of the Cloud Run services',
      });
    }
    if (model.dns.runAppZoneName) {
      const runAppChart = chartOf(model.network.project);
      const runApp = new PrivateDnsZone(runAppChart, 'RunAppZone', {
        network,
        name: model.dns.runAppZoneName,
        dnsName: 'run.app',
        description: '*.run.app through the VPC',
      });
      // Through the Private Service Connect endpoint when there is one, else Private Google Access' VIPs.
      const rrdatas = this.googleApis ? [this.googleApis.address] : PRIVATE_GOOGLE_ACCESS_VIPS;
      new DnsRecord(runAppChart, 'RunAppWildcard', { zone: runApp, label: '*', type: 'A', data: { rrdatas } });
    }
  }

  private createLoadBalancers(model: TopologyModel, network: Network): void {
    if (model.loadBalancing.shared) {
      this.createSharedLoadBalancer(model);
      return;
    }
    const subnetsOf = (region: string) => (region === model.region ? this.subnets : this.laterRegions.get(region)!.subnets);
    for (const [name, lb] of createCrossRegionLoadBalancers(this, model, kccScopeOf(model), subnetsOf, this.dnsZone, network)) {
      this.crossRegion.set(name, lb);
    }
    for (const s of model.services.filter((x) => x.loadBalancer && !x.loadBalancer.crossRegion)) {
      const chart = new RunnelChart(this, `lb-${s.name}`, { outputPath: `config-connector/load-balancer-${s.name}.yaml` });
      const lb = s.loadBalancer!;
      const https = certificateOf(lb.https);
      const balancer = new InternalLoadBalancer(chart, 'LoadBalancer', {
        service: s.name,
        serviceInOutput: model.delivery.cloudRun === 'config-connector',
        subnet: this.subnets.workload!,
        proxyOnlySubnet: this.subnets.proxyOnly!,
        address: lb.address,
        http: lb.http,
        https,
        hostname: this.dnsZone ? lb.dnsName : undefined,
        scope: kccScopeOf(model),
      });
      this.loadBalancers.set(s.name, balancer);
      const zone = this.dnsZone;
      if (zone && zone.project === model.project) {
        new DnsRecord(chart, 'DnsRecord', { zone, label: s.name, type: 'A', data: { addressName: balancer.addressName } });
      } else if (zone && lb.address !== undefined) {
        // A record in another project's zone is applied by its owners, maybe from another namespace or cluster where
        // the address object is not: it holds the address itself (runnel allocates it, so it is known now).
        const hostChart = this.hostChart(zone.project, 'dns.yaml');
        new DnsRecord(hostChart, `DnsRecord-${s.name}`, { zone, label: s.name, type: 'A', data: { rrdatas: [lb.address] } });
      }
    }
  }

  /**
   * Shared mode: each callee's NEG, backend service and DNS record in its own file (adding a callee adds a file and
   * one host rule), then the one URL map, proxies, address and forwarding rules in `load-balancer.yaml`. Every
   * callee's record points at the one address; its host rule routes its name to its backend service.
   */
  private createSharedLoadBalancer(model: TopologyModel): void {
    const shared = model.loadBalancing.shared!;
    const kcc = kccScopeOf(model);
    const callees = [];
    for (const s of model.services.filter((x) => x.loadBalancer)) {
      const chart = new RunnelChart(this, `lb-${s.name}`, { outputPath: `config-connector/load-balancer-${s.name}.yaml` });
      const backend = new ServerlessBackend(chart, 'Backend', {
        scope: kcc,
        region: model.region,
        service: s.name,
        serviceInOutput: model.delivery.cloudRun === 'config-connector',
      });
      // Shared mode needs dns.domain (rule shared-lb-needs-dns-domain): every callee has its host.
      callees.push({ service: s.name, hostname: s.loadBalancer!.dnsName!, backendServiceName: backend.backendServiceName });
      const zone = this.dnsZone!;
      if (zone.project === model.project) {
        new DnsRecord(chart, 'DnsRecord', {
          zone,
          label: s.name,
          type: 'A',
          data: { addressName: sharedLoadBalancerNames(shared.name).address },
        });
      } else if (shared.address !== undefined) {
        // A zone of another project (a Shared VPC host's): its record holds the shared address itself, as a
        // per-service one does (see createLoadBalancers).
        const hostChart = this.hostChart(zone.project, 'dns.yaml');
        new DnsRecord(hostChart, `DnsRecord-${s.name}`, { zone, label: s.name, type: 'A', data: { rrdatas: [shared.address] } });
      }
    }
    const chart = new RunnelChart(this, 'lb-shared', { outputPath: 'config-connector/load-balancer.yaml' });
    this.sharedLoadBalancer = new SharedInternalLoadBalancer(chart, 'LoadBalancer', {
      name: shared.name,
      callees,
      subnet: this.subnets.workload!,
      proxyOnlySubnet: this.subnets.proxyOnly!,
      address: shared.address,
      http: shared.http,
      https: certificateOf(shared.https),
      scope: kcc,
    });
  }

  /** The grants a service project needs in a Shared VPC host (see `sharedVpcGrants`), in the host's folder. */
  private createSharedVpcGrants(model: TopologyModel): void {
    for (const g of sharedVpcGrants(model)) {
      const subnet = g.subnet ? this.subnets[g.subnet]! : undefined;
      new IamGrant(this.hostChart(g.project, 'grants.yaml'), `Grant-${g.name}`, {
        ...networkScopeOf(model),
        project: g.project,
        name: g.name,
        role: g.role,
        member: `serviceAccount:${g.email}`,
        // IAMPolicyMember's resourceRef takes any IAM-capable kind by `external` path (its CRD; Config Connector's
        // samples name a Project as `projects/<id>`).
        target: subnet
          ? { kind: 'ComputeSubnetwork', external: subnet.path }
          : { kind: 'Project', external: resourcePath.project(g.project) },
      });
    }
  }

  private createBackends(model: TopologyModel, network: Network): void {
    for (const b of model.backends.filter((x) => x.redis)) {
      const redis = b.redis!;
      const chart = new RunnelChart(this, `backend-${b.name}`, { outputPath: `config-connector/backend-${b.name}.yaml` });
      new Redis(chart, 'Redis', {
        name: b.name,
        region: model.region,
        network,
        scope: kccScopeOf(model),
        tier: redis.tier,
        memorySizeGb: redis.memorySizeGb,
        version: redis.version,
        connection:
          redis.connectMode === 'private-service-access'
            ? { mode: 'private-service-access', access: this.privateServiceAccess! }
            : { mode: 'direct-peering', reservedRange: redis.reservedRange },
      });
    }
  }

  private createSecrets(model: TopologyModel): void {
    if (model.secrets.length === 0) return;
    const chart = new RunnelChart(this, 'secrets', { outputPath: 'config-connector/secrets.yaml' });
    for (const secret of model.secrets) {
      this.secrets.set(secret.name, new Secret(chart, `Secret-${secret.name}`, { name: secret.name, ...kccScopeOf(model) }));
    }
  }

  /**
   * The service's account, unless it runs as an existing one: created once, with the first service that runs as it
   * (services may share one). Then the account's read access to the service's secrets, one grant per account and
   * secret, so services sharing an account share its grants.
   */
  private createIdentity(model: TopologyModel, s: ServiceModel, usersOf: ReadonlyMap<string, readonly string[]>): void {
    const account = accountOf(s);
    const create = s.accountId !== undefined && !this.accounts.has(s.accountId);
    // Secrets read as variables and those mounted as files alike need secretAccessor.
    const mounted = (s.settings.volumes ?? []).flatMap((v) => (v.secret ? [v.secret.secret] : []));
    const secrets = [...new Set([...Object.values(s.secretEnv).map((ref) => ref.secret), ...mounted])]
      .sort()
      .filter((secret) => !this.grantNames.has(grantName.secretAccessor(secret, account)));
    if (!create && secrets.length === 0) return;
    const kcc = kccScopeOf(model);
    const chart = new RunnelChart(this, `identity-${s.name}`, { outputPath: `config-connector/identity-${s.name}.yaml` });
    if (create) {
      const accountId = s.accountId!;
      const displayName = accountDisplayName(usersOf.get(accountId) ?? [s.name]);
      this.accounts.set(accountId, new ServiceAccount(chart, 'ServiceAccount', { ...kcc, accountId, displayName }));
      const deployer = model.delivery.deployer;
      if (deployer !== undefined) {
        // Whoever deploys the service must act as its account (gcloud's user, or Config Connector's own account).
        new IamGrant(chart, 'DeployerActAs', {
          ...kcc,
          name: grantName.deployerActAs(accountId),
          role: SERVICE_ACCOUNT_USER_ROLE,
          member: deployer,
          target: { kind: ServiceAccount.KIND, name: accountId },
        });
      }
    }
    for (const secret of secrets) {
      const name = grantName.secretAccessor(secret, account);
      this.grantNames.add(name);
      const created = this.secrets.get(secret);
      new IamGrant(chart, `SecretAccess-${secret}`, {
        ...kcc,
        name,
        role: SECRET_ACCESSOR_ROLE,
        member: this.memberOf(s),
        target: created
          ? { kind: Secret.KIND, name: created.objectName }
          : { kind: Secret.KIND, external: resourcePath.secret(model.project, secret) },
      });
    }
  }

  /** Who a service is in IAM: the account runnel creates for it (by reference), or the user's by email. */
  private memberOf(s: ServiceModel): ServiceAccount | string {
    return (s.accountId !== undefined ? this.accounts.get(s.accountId) : undefined) ?? `serviceAccount:${s.serviceAccount}`;
  }

  /**
   * Each service's invokers are exactly its callers' accounts, its `invokers`, and `allUsers` when public.
   * Knative mode writes the authoritative policy for every service, `bindings: []` when nobody may invoke it,
   * so losing the last caller or `public` revokes the old grant instead of leaving it in place.
   */
  private createInvokerPolicies(model: TopologyModel): void {
    for (const s of model.services) {
      const callers = model.callersByName.get(s.name) ?? [];
      if (model.delivery.cloudRun === 'config-connector') {
        this.createInvokerGrants(model, s, callers);
        continue;
      }
      // One policy per region's copy of the service (a Cloud Run service's IAM policy is its region's).
      for (const copy of serviceCopies(model, s)) {
        new InvokerPolicy(this, `invokers-${s.name}${copy.idSuffix}`, {
          project: model.project,
          region: copy.region,
          service: s.name,
          members: [...callers.map((c) => `serviceAccount:${c.serviceAccount}`), ...s.invokers, ...(s.public ? [ALL_USERS] : [])],
          outputPath: copy.iamOutputPath,
        });
      }
    }
  }

  /**
   * Config Connector mode: one IAMPolicyMember per calling account on the RunService (callers sharing an account
   * share it), referenced by name (an external RunService reference is what fails, k8s-config-connector #772).
   */
  private createInvokerGrants(model: TopologyModel, callee: ServiceModel, callers: readonly ServiceModel[]): void {
    const members = new Map<string, ServiceAccount | string>();
    for (const c of callers) {
      const name = grantName.invoker(callee.name, accountOf(c));
      if (!members.has(name)) members.set(name, this.memberOf(c));
    }
    // Members outside the topology (`invokers`), named so they never meet a caller's grant (see grantName).
    for (const [member, name] of grantName.outsideInvokers(callee.name, callee.invokers)) {
      if (!members.has(name)) members.set(name, member);
    }
    if (callee.public) members.set(grantName.publicInvoker(callee.name), ALL_USERS);
    // IAMPolicyMember is additive: a grant removed from the topology is deleted with its object, so no empty file.
    if (members.size === 0) return;
    const chart = new RunnelChart(this, `invokers-${callee.name}`, { outputPath: `config-connector/invokers-${callee.name}.yaml` });
    // The same grants on each region's RunService; a later region's are named after its object (`<name>-<region>`).
    for (const copy of serviceCopies(model, callee)) {
      for (const [name, member] of members) {
        const grant = copy.primary ? name : `${copy.objectName}${name.slice(callee.name.length)}`;
        new IamGrant(chart, `Invoker-${grant}`, {
          ...kccScopeOf(model),
          name: grant,
          role: INVOKER_ROLE,
          member,
          target: { kind: 'RunService', name: copy.objectName },
        });
      }
    }
  }

  private createServices(model: TopologyModel): void {
    const kcc = model.delivery.cloudRun === 'config-connector';
    const usersOf = accountUsers(model);
    for (const s of model.services) {
      this.createIdentity(model, s, usersOf);
      const lbUrls =
        this.sharedLoadBalancer?.urlsOf(s.name) ??
        this.crossRegion.get(s.name)?.urlsOf(s.name) ??
        this.loadBalancers.get(s.name)?.urls ??
        [];
      // One Cloud Run service per region it runs in; the first region's keeps the one-region file and object name.
      for (const copy of serviceCopies(model, s)) {
        this.createServiceCopy(model, s, copy, kcc, lbUrls);
      }
    }
  }

  private createServiceCopy(
    model: TopologyModel,
    s: ServiceModel,
    copy: ReturnType<typeof serviceCopies>[number],
    kcc: boolean,
    lbUrls: string[],
  ): void {
    {
      const chart = new RunnelChart(this, `run-${s.name}${copy.idSuffix}`, { outputPath: copy.outputPath });
      const warm = s.regions.length > 1 && s.failover ? Math.max(s.minInstances, s.failover.minInstancesPerRegion) : s.minInstances;
      const service = new RunService(chart, 'Service', {
        name: s.name,
        ...(copy.objectName !== s.name ? { objectName: copy.objectName } : {}),
        project: model.project,
        region: copy.region,
        format: kcc ? ServiceFormat.CONFIG_CONNECTOR : ServiceFormat.KNATIVE,
        namespace: model.namespace,
        image: s.image,
        port: s.port,
        ingress: s.ingress as Ingress,
        egress: copy.primary ? this.egressOf(s) : egressIn(s, this.laterRegions.get(copy.region)!),
        env: s.env,
        secretEnv: Object.fromEntries(
          Object.entries(s.secretEnv).map(([name, ref]) => [
            name,
            { secret: this.secrets.get(ref.secret) ?? ref.secret, version: ref.version },
          ]),
        ),
        scaling: { minInstances: warm, maxInstances: s.maxInstances },
        serviceAccount: (s.accountId !== undefined ? this.accounts.get(s.accountId) : undefined) ?? s.serviceAccount,
        // Callers mint ID tokens for the URL they call: accept every URL the load balancer answers on.
        customAudiences: lbUrls.length > 0 ? lbUrls : undefined,
        ...s.settings,
        ...(s.manifest?.object ? { baseManifest: s.manifest.object } : {}),
      });
      for (const callee of s.calls) service.addEnv(urlEnvVar(callee), this.urlOf(model, callee));
      for (const name of s.uses) {
        const backend = model.backendsByName.get(name)!;
        // A Redis host known only after apply is left out: synth warns (backend-host-known-after-apply).
        if (backend.host !== undefined) service.addEnv(backend.env.host, backend.host);
        service.addEnv(backend.env.port, String(backend.port));
      }
      if (copy.primary || !this.services.has(s.name)) this.services.set(s.name, service);
    }
  }

  private egressOf(s: ServiceModel): VpcEgress {
    const route = s.route === 'all-traffic' ? EgressRoute.ALL_TRAFFIC : EgressRoute.PRIVATE_RANGES_ONLY;
    if (s.via === 'connector') return VpcEgress.connector(this.connector!, route);
    if (s.via === 'direct-vpc') return VpcEgress.directVpc(this.subnets.directVpc!, route);
    return VpcEgress.none();
  }

  /** The URL callers get for `name`: the load balancer's address, or the deterministic run.app URL. */
  private urlOf(model: TopologyModel, name: string): string {
    const shared = this.sharedLoadBalancer?.urlOf(name) ?? this.crossRegion.get(name)?.urlOf(name);
    if (shared) return shared;
    const lb = this.loadBalancers.get(name);
    if (lb?.url) return lb.url;
    return `https://${name}-${model.projectNumber}.${model.region}.run.app`;
  }
}
