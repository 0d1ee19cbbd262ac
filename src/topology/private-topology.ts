import { Construct } from 'constructs';
import { PrivateServiceAccess } from '../backends/private-service-access';
import { Redis } from '../backends/redis';
import { GoogleApisEndpoint } from '../connectivity/google-apis-endpoint';
import { DnsRecord } from '../dns/dns-record';
import { PrivateDnsZone } from '../dns/private-zone';
import { IamGrant } from '../iam/iam-grant';
import { ALL_USERS, INVOKER_ROLE, InvokerPolicy } from '../iam/invoker-policy';
import { ServiceAccount } from '../iam/service-account';
import { InternalLoadBalancer } from '../lb/internal-lb';
import { TlsCertificate } from '../lb/tls-certificate';
import { KccScope } from '../kcc';
import { ConfigConnectorNamespace } from '../delivery/namespace';
import { ArgoApplication } from '../delivery/argo-application';
import { TOPOLOGY_FILE, topologyMarkdown } from '../delivery/topology-diagram';
import { PlainFile } from '../output/plain-file';
import { resourcePath, SubnetRole, urlEnvVar } from '../names';
import { CloudNat } from '../nat/cloud-nat';
import { Network } from '../network/network';
import { Subnet, SubnetPurpose } from '../network/subnet';
import { RunnelChart } from '../output/runnel-chart';
import { EgressRoute, VpcEgress } from '../serverless/egress';
import { Ingress, RunService, ServiceFormat } from '../serverless/run-service';
import { VpcConnector } from '../serverless/vpc-connector';
import { Secret } from '../secrets/secret';
import { Finding } from '../validation/finding';
import { hasErrors, validateTopology } from '../validation/engine';
import { formatFindings } from '../validation/report';
import { ServiceModel, TopologyModel } from './model';
import { TopologySpec } from './spec';

/**
 * private.googleapis.com: the Private Google Access VIPs a private `run.app` zone points at.
 * @see https://cloud.google.com/vpc/docs/configure-private-google-access#domain-options
 */
export const PRIVATE_GOOGLE_ACCESS_VIPS = ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'];

const SECRET_ACCESSOR_ROLE = 'roles/secretmanager.secretAccessor';

function kccScopeOf(model: TopologyModel): KccScope {
  return { project: model.project, namespace: model.namespace, abandonStateful: model.delivery.abandonStateful };
}

export interface PrivateTopologyProps {
  /** The topology, as in topology.yaml. */
  readonly spec: TopologySpec;
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
  private readonly subnets: Partial<Record<SubnetRole, Subnet>> = {};
  private connector?: VpcConnector;
  private networkChart?: RunnelChart;
  private privateServiceAccess?: PrivateServiceAccess;
  private dnsZone?: PrivateDnsZone;
  private googleApis?: GoogleApisEndpoint;
  private readonly secrets = new Map<string, Secret>();
  private readonly accounts = new Map<string, ServiceAccount>();

  constructor(scope: Construct, id: string, props: PrivateTopologyProps) {
    super(scope, id);
    const result = validateTopology(props.spec);
    this.findings = result.findings;
    if (hasErrors(result.findings) || !result.model) {
      const report = formatFindings(props.source ?? 'topology', result.findings);
      this.node.addValidation({ validate: () => [report] });
      return;
    }
    this.model = result.model;
    this.createNamespace(result.model);
    const network = this.createNetwork(result.model);
    this.createNat(result.model, network);
    this.createPrivateServiceAccess(result.model, network);
    this.createGoogleApis(result.model, network);
    this.createDns(result.model, network);
    this.createLoadBalancers(result.model);
    this.createBackends(result.model, network);
    this.createSecrets(result.model);
    this.createServices(result.model);
    this.createInvokerPolicies(result.model);
    this.createArgoApplication(result.model);
    const model = result.model;
    new PlainFile(this, 'diagram', { outputPath: TOPOLOGY_FILE, render: () => topologyMarkdown(model) });
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

  private createNamespace(model: TopologyModel): void {
    if (!model.delivery.createNamespace || !model.namespace) return;
    const chart = new RunnelChart(this, 'namespace', { outputPath: 'config-connector/namespace.yaml' });
    new ConfigConnectorNamespace(chart, 'Namespace', { name: model.namespace, project: model.project });
  }

  private createNetwork(model: TopologyModel): Network {
    const chart = new RunnelChart(this, 'network', { outputPath: 'config-connector/network.yaml' });
    this.networkChart = chart;
    const network = new Network(chart, 'Network', { name: model.network.name, ...kccScopeOf(model) });
    for (const s of Object.values(model.subnets).filter((x) => x.needed)) {
      const proxyOnly = s.role === 'proxyOnly';
      this.subnets[s.role] = new Subnet(chart, `Subnet-${s.role}`, {
        network,
        name: s.name,
        region: model.region,
        cidr: s.cidr,
        purpose: proxyOnly ? SubnetPurpose.REGIONAL_MANAGED_PROXY : SubnetPurpose.PRIVATE,
        privateGoogleAccess: proxyOnly ? undefined : s.privateGoogleAccess,
      });
    }
    if (model.connector.needed) {
      this.connector = new VpcConnector(chart, 'Connector', {
        name: model.connector.name,
        subnet: this.subnets.connector!,
        minInstances: model.connector.minInstances,
        maxInstances: model.connector.maxInstances,
        machineType: model.connector.machineType,
      });
    }
    return network;
  }

  private createNat(model: TopologyModel, network: Network): void {
    if (model.nat.subnets.length === 0) return;
    // NAT belongs with the network it serves: same chart, same file.
    new CloudNat(this.networkChart!, 'Nat', {
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
    this.privateServiceAccess = new PrivateServiceAccess(this.networkChart!, 'PrivateServiceAccess', { network, name: psa.name, cidr: psa.cidr });
  }

  private createGoogleApis(model: TopologyModel, network: Network): void {
    if (!model.psc) return;
    const chart = new RunnelChart(this, 'google-apis', { outputPath: 'config-connector/google-apis.yaml' });
    this.googleApis = new GoogleApisEndpoint(chart, 'Endpoint', {
      network,
      name: model.psc.name,
      address: model.psc.address,
      zoneName: model.psc.zoneName,
    });
  }

  private createDns(model: TopologyModel, network: Network): void {
    if (!model.dns) return;
    const chart = new RunnelChart(this, 'dns', { outputPath: 'config-connector/dns.yaml' });
    if (model.dns.domain !== undefined) {
      this.dnsZone = new PrivateDnsZone(chart, 'Zone', {
        network,
        name: model.dns.zoneName,
        dnsName: model.dns.domain,
        description: 'Internal load balancers of the Cloud Run services',
      });
    }
    if (model.dns.runAppZoneName) {
      const runApp = new PrivateDnsZone(chart, 'RunAppZone', {
        network,
        name: model.dns.runAppZoneName,
        dnsName: 'run.app',
        description: '*.run.app through the VPC',
      });
      // Through the Private Service Connect endpoint when there is one, else Private Google Access' VIPs.
      const rrdatas = this.googleApis ? [this.googleApis.address] : PRIVATE_GOOGLE_ACCESS_VIPS;
      new DnsRecord(chart, 'RunAppWildcard', { zone: runApp, label: '*', type: 'A', data: { rrdatas } });
    }
  }

  private createLoadBalancers(model: TopologyModel): void {
    for (const s of model.services.filter((x) => x.loadBalancer)) {
      const chart = new RunnelChart(this, `lb-${s.name}`, { outputPath: `config-connector/load-balancer-${s.name}.yaml` });
      const lb = s.loadBalancer!;
      const https = lb.https?.certificateSecret
        ? TlsCertificate.fromSecret(lb.https.certificateSecret)
        : lb.https?.sslCertificate
          ? TlsCertificate.fromExisting(lb.https.sslCertificate)
          : undefined;
      const balancer = new InternalLoadBalancer(chart, 'LoadBalancer', {
        service: s.name,
        serviceInOutput: model.delivery.cloudRun === 'config-connector',
        subnet: this.subnets.workload!,
        proxyOnlySubnet: this.subnets.proxyOnly!,
        address: lb.address,
        http: lb.http,
        https,
        hostname: this.dnsZone ? lb.dnsName : undefined,
      });
      this.loadBalancers.set(s.name, balancer);
      if (this.dnsZone) {
        new DnsRecord(chart, 'DnsRecord', { zone: this.dnsZone, label: s.name, type: 'A', data: { addressName: balancer.addressName } });
      }
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

  /** The service's own account (unless the user names an existing one), with read access to its secrets. */
  private createIdentity(model: TopologyModel, s: ServiceModel): void {
    const secrets = [...new Set(Object.values(s.secretEnv).map((ref) => ref.secret))].sort();
    if (!s.accountId && secrets.length === 0) return;
    const kcc = kccScopeOf(model);
    const chart = new RunnelChart(this, `identity-${s.name}`, { outputPath: `config-connector/identity-${s.name}.yaml` });
    if (s.accountId) {
      this.accounts.set(s.name, new ServiceAccount(chart, 'ServiceAccount', { ...kcc, accountId: s.accountId, displayName: `Cloud Run service ${s.name}` }));
    }
    for (const secret of secrets) {
      new IamGrant(chart, `SecretAccess-${secret}`, {
        ...kcc,
        name: `${s.name}-${secret}-accessor`.toLowerCase().replace(/[^a-z0-9.-]/g, '-'),
        role: SECRET_ACCESSOR_ROLE,
        member: this.memberOf(s),
        target: this.secrets.has(secret)
          ? { kind: Secret.KIND, name: secret }
          : { kind: Secret.KIND, external: resourcePath.secret(model.project, secret) },
      });
    }
  }

  /** Who a service is in IAM: the account runnel creates for it (by reference), or the user's by email. */
  private memberOf(s: ServiceModel): ServiceAccount | string {
    return this.accounts.get(s.name) ?? `serviceAccount:${s.serviceAccount}`;
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
      new InvokerPolicy(this, `invokers-${s.name}`, {
        project: model.project,
        region: model.region,
        service: s.name,
        members: [...callers.map((c) => `serviceAccount:${c.serviceAccount}`), ...s.invokers, ...(s.public ? [ALL_USERS] : [])],
        outputPath: `cloud-run-iam/${s.name}.yaml`,
      });
    }
  }

  /**
   * Config Connector mode: one IAMPolicyMember per caller on the RunService, referenced by name (an external
   * RunService reference is what fails, k8s-config-connector #772).
   */
  private createInvokerGrants(model: TopologyModel, callee: ServiceModel, callers: readonly ServiceModel[]): void {
    const members: Array<[string, ServiceAccount | string]> = callers.map((c) => [c.name, this.memberOf(c)]);
    // Outside members after a '.', which no service name holds, so they never meet a caller's grant; two members
    // that read alike once lowercased and dashed (a_b, a-b) get a counter.
    const used = new Set<string>();
    for (const member of [...new Set(callee.invokers)]) {
      const base = `.${member.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}`;
      let who = base;
      for (let i = 2; used.has(who); i++) who = `${base}-${i}`;
      used.add(who);
      members.push([who, member]);
    }
    if (callee.public) members.push(['all-users', ALL_USERS]);
    // IAMPolicyMember is additive: a grant removed from the topology is deleted with its object, so no empty file.
    if (members.length === 0) return;
    const chart = new RunnelChart(this, `invokers-${callee.name}`, { outputPath: `config-connector/invokers-${callee.name}.yaml` });
    for (const [who, member] of members) {
      new IamGrant(chart, `Invoker-${who}`, {
        ...kccScopeOf(model),
        name: who.startsWith('.') ? `${callee.name}-invoker${who}` : `${callee.name}-invoker-${who}`,
        role: INVOKER_ROLE,
        member,
        target: { kind: 'RunService', name: callee.name },
      });
    }
  }

  private createServices(model: TopologyModel): void {
    const kcc = model.delivery.cloudRun === 'config-connector';
    for (const s of model.services) {
      this.createIdentity(model, s);
      const lbUrls = this.loadBalancers.get(s.name)?.urls ?? [];
      const chart = new RunnelChart(this, `run-${s.name}`, {
        outputPath: kcc ? `config-connector/service-${s.name}.yaml` : `cloud-run/${s.name}.yaml`,
      });
      const service = new RunService(chart, 'Service', {
        name: s.name,
        project: model.project,
        region: model.region,
        format: kcc ? ServiceFormat.CONFIG_CONNECTOR : ServiceFormat.KNATIVE,
        namespace: model.namespace,
        image: s.image,
        port: s.port,
        ingress: s.ingress as Ingress,
        egress: this.egressOf(s),
        env: s.env,
        secretEnv: Object.fromEntries(
          Object.entries(s.secretEnv).map(([name, ref]) => [name, { secret: this.secrets.get(ref.secret) ?? ref.secret, version: ref.version }]),
        ),
        scaling: { minInstances: s.minInstances, maxInstances: s.maxInstances },
        serviceAccount: this.accounts.get(s.name) ?? s.serviceAccount,
        // Callers mint ID tokens for the URL they call: accept every URL the load balancer answers on.
        customAudiences: lbUrls.length > 0 ? lbUrls : undefined,
        startupProbe: s.startupProbe,
      });
      for (const callee of s.calls) service.addEnv(urlEnvVar(callee), this.urlOf(model, callee));
      for (const name of s.uses) {
        const backend = model.backendsByName.get(name)!;
        // A Redis host known only after apply is left out: synth warns (backend-host-known-after-apply).
        if (backend.host !== undefined) service.addEnv(backend.env.host, backend.host);
        service.addEnv(backend.env.port, String(backend.port));
      }
      this.services.set(s.name, service);
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
    const lb = this.loadBalancers.get(name);
    if (lb?.url) return lb.url;
    return `https://${name}-${model.projectNumber}.${model.region}.run.app`;
  }
}
