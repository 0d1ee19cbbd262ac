import { Construct } from 'constructs';
import { InternalLoadBalancer } from '../lb/internal-lb';
import { SubnetRole, urlEnvVar } from '../names';
import { CloudNat } from '../nat/cloud-nat';
import { Network } from '../network/network';
import { Subnet, SubnetPurpose } from '../network/subnet';
import { RunnelChart } from '../output/runnel-chart';
import { EgressRoute, VpcEgress } from '../serverless/egress';
import { Ingress, RunService } from '../serverless/run-service';
import { VpcConnector } from '../serverless/vpc-connector';
import { Finding } from '../validation/finding';
import { hasErrors, validateTopology } from '../validation/engine';
import { formatFindings } from '../validation/report';
import { ServiceModel, TopologyModel } from './model';
import { TopologySpec } from './spec';

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
    const network = this.createNetwork(result.model);
    this.createLoadBalancers(result.model);
    this.createNat(result.model, network);
    this.createServices(result.model);
  }

  private createNetwork(model: TopologyModel): Network {
    const chart = new RunnelChart(this, 'network', { outputPath: 'config-connector/network.yaml' });
    this.networkChart = chart;
    const network = new Network(chart, 'Network', { name: model.network.name, project: model.project, namespace: model.namespace });
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

  private createLoadBalancers(model: TopologyModel): void {
    for (const s of model.services.filter((x) => x.loadBalancer)) {
      const chart = new RunnelChart(this, `lb-${s.name}`, { outputPath: `config-connector/load-balancer-${s.name}.yaml` });
      this.loadBalancers.set(
        s.name,
        new InternalLoadBalancer(chart, 'LoadBalancer', {
          service: s.name,
          subnet: this.subnets.workload!,
          proxyOnlySubnet: this.subnets.proxyOnly!,
          address: s.loadBalancer!.address,
        }),
      );
    }
  }

  private createServices(model: TopologyModel): void {
    for (const s of model.services) {
      const chart = new RunnelChart(this, `run-${s.name}`, { outputPath: `cloud-run/${s.name}.yaml` });
      const service = new RunService(chart, 'Service', {
        name: s.name,
        project: model.project,
        region: model.region,
        image: s.image,
        port: s.port,
        ingress: s.ingress as Ingress,
        egress: this.egressOf(s),
        env: s.env,
        scaling: { minInstances: s.minInstances, maxInstances: s.maxInstances },
        serviceAccount: s.serviceAccount,
      });
      for (const callee of s.calls) service.addEnv(urlEnvVar(callee), this.urlOf(model, callee));
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
