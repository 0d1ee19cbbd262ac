import { SubnetRole } from '../names';
import { CalleeAccess, EgressRouteSetting, EgressVia, IngressSetting, TopologySpec } from './spec';

/**
 * A topology with every default applied and every derived part decided: what rules check and what
 * `PrivateTopology` builds. Each value keeps the field path a user would edit to change it.
 */
export interface TopologyModel {
  readonly spec: TopologySpec;
  readonly project: string;
  readonly projectNumber?: string;
  readonly region: string;
  readonly namespace?: string;
  readonly network: { readonly name: string };
  readonly subnets: Readonly<Record<SubnetRole, SubnetModel>>;
  readonly connector: ConnectorModel;
  readonly nat: NatModel;
  readonly services: readonly ServiceModel[];
  /** The first service of each name: lookups stay O(1) so rules stay linear in the topology's size. */
  readonly servicesByName: ReadonlyMap<string, ServiceModel>;
  /** Callers of each service name, in file order (a name nobody calls is absent). */
  readonly callersByName: ReadonlyMap<string, readonly ServiceModel[]>;
}

export interface SubnetModel {
  readonly role: SubnetRole;
  readonly name: string;
  /** Where the name comes from: `network.subnets.<role>.name`, or `network.name` when derived. */
  readonly namePath: string;
  readonly nameDerived: boolean;
  readonly cidr: string;
  readonly cidrPath: string;
  readonly privateGoogleAccess: boolean;
  readonly pgaPath: string;
  /** Whether anything in the topology needs this subnet; only needed subnets are emitted. */
  readonly needed: boolean;
}

export interface ConnectorModel {
  readonly name: string;
  readonly namePath: string;
  readonly nameDerived: boolean;
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly machineType: 'e2-micro' | 'f1-micro' | 'e2-standard-4';
  readonly needed: boolean;
}

export interface NatModel {
  readonly enabled: boolean;
  readonly routerName: string;
  readonly routerNamePath: string;
  readonly name: string;
  readonly namePath: string;
  /** Egress subnets whose traffic Cloud NAT translates; empty when no NAT is needed. */
  readonly subnets: readonly SubnetRole[];
}

export interface ServiceModel {
  readonly index: number;
  /** `services[<index>]` */
  readonly path: string;
  readonly name: string;
  readonly image: string;
  readonly ingress: IngressSetting;
  readonly via: EgressVia;
  readonly route: EgressRouteSetting;
  /** Whether the user wrote `egress.route` (it means nothing without VPC egress). */
  readonly routeSet: boolean;
  readonly internet: boolean;
  readonly calls: readonly string[];
  readonly access: CalleeAccess;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly serviceAccount?: string;
  /** The subnet the service egresses from, if any. */
  readonly egressSubnet?: SubnetRole;
  /** Present when the service sits behind an internal load balancer. */
  readonly loadBalancer?: LoadBalancerModel;
}

export interface LoadBalancerModel {
  /** Static internal address; undefined only when the workload subnet's range is unusable. */
  readonly address?: string;
  readonly addressPinned: boolean;
}
