import { Construct } from 'constructs';
import { DEFAULTS } from '../defaults';
import { Finding } from '../finding';
import { hasErrors, validateTopology } from '../validate/engine';
import { formatFindings } from '../check/report';
import { InternalLoadBalancer } from '../lb/internal-lb';
import { SharedInternalLoadBalancer } from '../lb/shared-internal-lb';
import { TopologyModel } from '../model/model';
import { TopologySpec } from '../input/spec';
import { setSyncWavesOnSynth } from '../delivery/sync-waves';
import { RunService } from '../serverless/run-service';
import { buildDns } from './dns-step';
import { TopologyFiles } from './files';
import { buildIdentities, buildSecrets } from './identity-step';
import { buildLoadBalancers } from './load-balancing-step';
import { buildNetwork } from './network-step';
import {
  buildApis,
  buildArgoApplication,
  buildBackends,
  buildConnectivityTests,
  buildNamespace,
  buildSharedVpcGrants,
} from './project-step';
import { buildServices } from './services-step';

export { PRIVATE_GOOGLE_ACCESS_VIPS } from './dns-step';

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
 * A whole private Cloud Run topology from intent: network, subnets, connector, internal load balancers, Cloud NAT,
 * DNS, identities, secrets, backends and the services, each group in its own chart (one output file). It only
 * sequences: each step builds constructs from the model and the results of the steps before, and the constructs
 * wire themselves (`RunService.grantInvoke`, `Secret.grantAccess`, `PrivateDnsZone.addRecord`,
 * `ServiceAccount.grantActAs`). A topology with errors builds nothing and fails synthesis with every finding.
 */
export class PrivateTopology extends Construct {
  public readonly findings: readonly Finding[];
  /** The validated topology; undefined when it has errors. */
  public readonly model?: TopologyModel;
  /** The Cloud Run services, by name. */
  public readonly services: ReadonlyMap<string, RunService>;
  /** Per-service mode: each called service's internal load balancer, by service. */
  public readonly loadBalancers: ReadonlyMap<string, InternalLoadBalancer>;
  /** Shared mode (`loadBalancing.mode: shared`): the one load balancer of every callee. */
  public readonly sharedLoadBalancer?: SharedInternalLoadBalancer;

  constructor(scope: Construct, id: string, props: PrivateTopologyProps) {
    super(scope, id);
    setSyncWavesOnSynth(this); // Argo CD sync waves in any cdk8s synthesis of the topology, not only runnel's CLI
    if ((props.spec === undefined) === (props.model === undefined)) {
      throw new Error('PrivateTopology takes exactly one of `spec` and `model`');
    }
    const result = props.model ? { findings: [], model: props.model } : validateTopology(props.spec);
    this.findings = result.findings;
    const model = result.model;
    if (hasErrors(result.findings) || !model) {
      const report = formatFindings(props.source ?? DEFAULTS.constructs.privateTopology.source, result.findings);
      this.node.addValidation({ validate: () => [report] });
      this.services = new Map();
      this.loadBalancers = new Map();
      return;
    }
    this.model = model;
    const files = new TopologyFiles(this, model.project);
    buildNamespace(files, model);
    const net = buildNetwork(this, files, model);
    const zone = buildDns(this, files, model, net);
    const loadBalancers = buildLoadBalancers(files, model, net, zone);
    buildSharedVpcGrants(files, model, net);
    buildBackends(files, model, net);
    buildConnectivityTests(files, model, net);
    const secrets = buildSecrets(files, model);
    const identities = buildIdentities(files, model, secrets);
    this.services = buildServices(files, model, { net, loadBalancers, identities, secrets });
    this.loadBalancers = loadBalancers.perService;
    this.sharedLoadBalancer = loadBalancers.shared;
    buildApis(this, files, model);
    buildArgoApplication(files, model);
  }
}
