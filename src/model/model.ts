import { SubnetRole } from '../names';
import { ConnectorMachineType } from '../choices';
import {
  ArgoCdGenerator,
  CalleeAccess,
  CloudRunFormat,
  EgressRouteSetting,
  EgressVia,
  IngressSetting,
  LoadBalancingMode,
  RedisConnectMode,
  RedisTier,
  TopologySpec,
} from '../input/spec';
import { ServiceSettingsSpec } from '../input/service-settings';
import { ServiceManifest } from '../input/service-manifest';

/**
 * A topology with every default applied and every derived part decided: what rules check and what
 * `PrivateTopology` builds. Each value keeps the field path a user would edit to change it.
 */
export interface TopologyModel {
  readonly spec: TopologySpec;
  readonly project: string;
  readonly projectNumber?: string;
  /** The first region (`region`, or the first of `regions`): one-region names are its. */
  readonly region: string;
  /**
   * Every region, the first one first, each with its own subnets, connector and NAT. The first region's subnets are
   * `subnets`.
   */
  readonly regions: readonly RegionModel[];
  readonly regionsByName: ReadonlyMap<string, RegionModel>;
  readonly namespace?: string;
  readonly network: NetworkModel;
  /** The first region's subnets. */
  readonly subnets: Readonly<Record<SubnetRole, SubnetModel>>;
  readonly connector: ConnectorModel;
  readonly nat: NatModel;
  readonly privateServiceAccess: PrivateServiceAccessModel;
  readonly services: readonly ServiceModel[];
  readonly backends: readonly BackendModel[];
  /** The first backend of each name. */
  readonly backendsByName: ReadonlyMap<string, BackendModel>;
  /** Secrets runnel creates. */
  readonly secrets: readonly SecretModel[];
  readonly dns?: DnsModel;
  readonly psc?: PscModel;
  readonly loadBalancing: LoadBalancingModel;
  readonly delivery: DeliveryModel;
  /** The first service of each name: lookups stay O(1) so rules stay linear in the topology's size. */
  readonly servicesByName: ReadonlyMap<string, ServiceModel>;
  /** Callers of each service name, in file order (a name nobody calls is absent). */
  readonly callersByName: ReadonlyMap<string, readonly ServiceModel[]>;
}

/** One region of the topology and what runnel creates there. */
export interface RegionModel {
  readonly name: string;
  /** Position in `regions` (0 for `region`). */
  readonly index: number;
  /** `regions[<index>]`, or `region` for the one-region shorthand. */
  readonly path: string;
  /** The first region: its objects keep the one-region names. */
  readonly primary: boolean;
  readonly subnets: Readonly<Record<SubnetRole, SubnetModel>>;
  /** The connector services running here egress through (when one is needed here). */
  readonly connectorName: string;
  readonly routerName: string;
  readonly natName: string;
  /** Egress subnets of this region whose traffic Cloud NAT translates; empty when no NAT is needed here. */
  readonly natSubnets: readonly SubnetRole[];
}

export interface NetworkModel {
  readonly name: string;
  /** The project that owns the network: `network.project`, else `project`. */
  readonly project: string;
  /** `network.existing`: the network and its subnets are referenced, never created. */
  readonly existing: boolean;
  /** Whether the network is a Shared VPC's in another project (`network.project` other than `project`). */
  readonly shared: boolean;
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
  readonly machineType: ConnectorMachineType;
  /** Whether runnel creates the connector: a service egresses through one and none exists (`existing`). */
  readonly needed: boolean;
  /** `network.connector.existing`: the path of the connector services use instead. */
  readonly existing?: string;
}

export interface DeliveryModel {
  readonly cloudRun: CloudRunFormat;
  readonly createNamespace: boolean;
  readonly abandonStateful: boolean;
  readonly argocd?: {
    readonly name: string;
    readonly namespace: string;
    readonly project: string;
    readonly repoURL: string;
    readonly targetRevision: string;
    readonly path: string;
    /** How the ApplicationSet of a topology with environments finds them. */
    readonly generator: ArgoCdGenerator;
  };
  /** Whether runnel enables the APIs the output needs. */
  readonly enableApis: boolean;
  /** IAM member that deploys (`serviceAccount:...`), granted actAs on the accounts runnel creates. */
  readonly deployer?: string;
  /** The Google service account Config Connector runs as in the namespace (ConfigConnectorContext). */
  readonly configConnectorServiceAccount?: string;
  /** Whether runnel emits a Connectivity Test per declared call and use (`delivery.connectivityTests`). */
  readonly connectivityTests: boolean;
}

/** A range the topology claims in the network besides its subnets. */
export interface RangeModel {
  /** What the range is for, in messages ("private services access"). */
  readonly label: string;
  readonly cidr: string;
  readonly cidrPath: string;
}

export interface PrivateServiceAccessModel {
  readonly name: string;
  readonly namePath: string;
  readonly nameDerived: boolean;
  readonly cidr: string;
  readonly cidrPath: string;
  /** Whether a backend connects through private services access; only then is it created. */
  readonly needed: boolean;
}

export interface BackendModel {
  readonly index: number;
  /** `backends[<index>]` */
  readonly path: string;
  readonly name: string;
  readonly redis?: RedisModel;
  /** The host users get, when known at synth time. */
  readonly host?: string;
  readonly hostPath: string;
  readonly port: number;
  readonly env: { readonly host: string; readonly port: string };
  /** Whether the user wrote both or neither of `redis` and `endpoint`. */
  readonly kindProblem?: 'both' | 'neither';
}

export interface RedisModel {
  readonly tier: RedisTier;
  readonly memorySizeGb: number;
  readonly version: string;
  readonly connectMode: RedisConnectMode;
  readonly reservedRange?: string;
  readonly reservedRangePath: string;
}

export interface SecretModel {
  readonly path: string;
  readonly name: string;
}

export interface DnsModel {
  /** The load balancers' zone's DNS name without the trailing dot, lowercased; none without `dns.domain`. */
  readonly domain?: string;
  readonly domainPath: string;
  readonly zoneName: string;
  readonly zoneNamePath: string;
  readonly zoneNameDerived: boolean;
  /** `dns.zone.existing`: the zone the load balancers' records go to, which runnel does not create. */
  readonly existingZone?: { readonly path: string; readonly project: string; readonly name: string };
  /** Name of the private `run.app` zone, when asked for. */
  readonly runAppZoneName?: string;
}

export interface PscModel {
  readonly name: string;
  readonly namePath: string;
  readonly address: string;
  readonly addressPath: string;
  /** Name of the private `googleapis.com` zone that points at the endpoint. */
  readonly zoneName: string;
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
  /** Email the service runs as: the user's, or the one of the account runnel creates. */
  readonly serviceAccount: string;
  /** The account runnel creates for the service, when the user names none. */
  readonly accountId?: string;
  readonly uses: readonly string[];
  readonly secretEnv: Readonly<Record<string, { readonly secret: string; readonly version: string }>>;
  readonly public: boolean;
  /**
   * The settings that are not networking, as written, except that the deprecated `startupProbe` is folded into
   * `probes.startup` (an HTTP probe on the container port).
   */
  readonly settings: ServiceSettingsSpec;
  /** `services[].manifest`, read and without server-set fields. */
  readonly manifest?: ServiceManifest;
  /** Where the startup probe was written: `probes.startup`, or the deprecated `startupProbe`. */
  readonly startupProbePath: string;
  /** Whether both `startupProbe` and `probes.startup` were written (refused by service-settings-valid). */
  readonly startupProbeTwice: boolean;
  /** Members outside the topology that may invoke it (`services[].invokers`). */
  readonly invokers: readonly string[];
  /** The subnet the service egresses from, if any (the one of that role in each of its regions). */
  readonly egressSubnet?: SubnetRole;
  /** The regions it runs in, first region first as in `regions` order given: `services[].regions`, else the first region. */
  readonly regions: readonly string[];
  /** `services[<index>].regions` */
  readonly regionsPath: string;
  /** `services[].failover`, when written. */
  readonly failover?: { readonly minInstancesPerRegion: number; readonly path: string };
  /** Present when the service sits behind an internal load balancer. */
  readonly loadBalancer?: LoadBalancerModel;
}

export interface LoadBalancingModel {
  /** `loadBalancing.mode`. */
  readonly mode: LoadBalancingMode;
  /** The one load balancer of every callee, in shared mode when at least one service is behind a load balancer. */
  readonly shared?: SharedLoadBalancerModel;
}

export interface SharedLoadBalancerModel {
  /** Stem of its objects' names. */
  readonly name: string;
  /** `loadBalancing.name`, or `network.name` when derived. */
  readonly namePath: string;
  /** Static internal address; undefined only when the workload subnet's range is unusable. */
  readonly address?: string;
  readonly addressPinned: boolean;
  readonly http: boolean;
  readonly https?: LoadBalancerModel['https'];
  /** The services behind it (one host rule, backend service and NEG each), in file order. */
  readonly services: readonly string[];
  /**
   * With several regions: the callees running in several regions are behind one shared cross-region internal
   * Application Load Balancer instead (`<name>-global-*`: a global URL map with their host rules, a frontend per
   * region); the regional one above then serves only the others, and exists only when there are others.
   */
  readonly crossRegion?: SharedCrossRegionModel;
}

export interface SharedCrossRegionModel {
  /** Stem of its objects' names: `<loadBalancing.name>-global`. */
  readonly name: string;
  /** One frontend per region one of its services runs in, in the topology's order. */
  readonly frontends: readonly FrontendModel[];
  /** The services behind it, in file order. */
  readonly services: readonly string[];
}

/** Whether the regional shared load balancer exists: some callee of shared mode runs in one region. */
export function hasRegionalShared(shared: SharedLoadBalancerModel): boolean {
  return shared.services.length > (shared.crossRegion?.services.length ?? 0);
}

/** Where callers in one region reach a load-balanced service: that region's forwarding rules and address. */
export interface FrontendModel {
  readonly region: string;
  /** Static internal address in the region's workload subnet; undefined only when that range is unusable. */
  readonly address?: string;
  readonly addressPinned: boolean;
}

export interface LoadBalancerModel {
  /** Behind the shared load balancer (`loadBalancing.mode: shared`): address, http and https are the shared one's. */
  readonly shared?: boolean;
  /**
   * A service running in several regions: a cross-region internal Application Load Balancer, one frontend per region
   * (`frontends`); `address` is its first region's.
   */
  readonly crossRegion?: boolean;
  /** One frontend per region the service runs in (a regional load balancer has one, in the service's region). */
  readonly frontends: readonly FrontendModel[];
  /** Static internal address; undefined only when the workload subnet's range is unusable. */
  readonly address?: string;
  readonly addressPinned: boolean;
  readonly http: boolean;
  readonly https?: {
    readonly certificateSecret?: string;
    readonly sslCertificate?: string;
    readonly certificateVersion?: number;
    readonly certificateManagerCertificate?: string;
  };
  /** `<service>.<domain>`, when the topology has private DNS. */
  readonly dnsName?: string;
}
