/**
 * The topology file's contract: what users write in `topology.yaml`, and what `PrivateTopology` takes from
 * TypeScript. Field names and defaults here are the documentation; `schema.ts` is checked against these types.
 */

export type IngressSetting = 'all' | 'internal' | 'internal-and-cloud-load-balancing';
export type EgressVia = 'none' | 'connector' | 'direct-vpc';
export type EgressRouteSetting = 'private-ranges-only' | 'all-traffic';
export type CalleeAccess = 'load-balancer' | 'private-google-access';

export interface TopologySpec {
  /** GCP project ID. */
  readonly project: string;
  /**
   * GCP project number: needed only to build `*.run.app` URLs for `access: private-google-access`.
   * @default - none
   */
  readonly projectNumber?: string;
  /** Region of every service and regional resource, e.g. `asia-northeast1`. */
  readonly region: string;
  /**
   * Kubernetes namespace of the Config Connector objects.
   * @default - none: the namespace given to `kubectl apply -n`
   */
  readonly namespace?: string;
  readonly network: NetworkSpec;
  readonly services: readonly ServiceSpec[];
}

export interface NetworkSpec {
  /** VPC network name. Subnet, connector, router and NAT names derive from it unless set. */
  readonly name: string;
  /** @default - each subnet with its default name and range, created only when something needs it */
  readonly subnets?: SubnetsSpec;
  /** @default - `<network>-conn`, 2..3 e2-micro instances, created only when a service egresses through it */
  readonly connector?: ConnectorSpec;
  /** @default - Cloud NAT created when a service with `internet: true` routes all traffic into the VPC */
  readonly nat?: NatSpec;
}

export interface SubnetsSpec {
  /** Holds internal load balancer addresses. @default name `<network>-workload`, cidr `10.10.0.0/24` */
  readonly workload?: SubnetSpec;
  /** Direct VPC egress. @default name `<network>-direct`, cidr `10.10.4.0/22` */
  readonly directVpc?: SubnetSpec;
  /** The connector's own /28. @default name `<network>-connector`, cidr `10.10.8.0/28` */
  readonly connector?: SubnetSpec;
  /** Proxy-only subnet of the internal load balancers. @default name `<network>-proxy-only`, cidr `10.10.10.0/23` */
  readonly proxyOnly?: SubnetSpec;
}

export interface SubnetSpec {
  /** @default `<network>-<role>` */
  readonly name?: string;
  /** Primary IPv4 range. */
  readonly cidr?: string;
  /** Private Google Access (not on the proxy-only subnet). @default true */
  readonly privateGoogleAccess?: boolean;
}

export interface ConnectorSpec {
  /** @default `<network>-conn` */
  readonly name?: string;
  /** @default 2 */
  readonly minInstances?: number;
  /** @default 3 */
  readonly maxInstances?: number;
  /** @default 'e2-micro' */
  readonly machineType?: 'e2-micro' | 'f1-micro' | 'e2-standard-4';
}

export interface NatSpec {
  /** false: never create Cloud NAT. @default true */
  readonly enabled?: boolean;
  /** @default `<network>-router` */
  readonly routerName?: string;
  /** @default `<network>-nat` */
  readonly name?: string;
}

export interface ServiceSpec {
  /** Cloud Run service name. */
  readonly name: string;
  /** Container image. */
  readonly image: string;
  /** @default 'internal' */
  readonly ingress?: IngressSetting;
  /** @default - no VPC egress */
  readonly egress?: EgressSpec;
  /** true: the service needs outbound internet access. @default false */
  readonly internet?: boolean;
  /** Services this one calls privately. @default [] */
  readonly calls?: readonly string[];
  /** How callers reach this service. @default 'load-balancer' */
  readonly access?: CalleeAccess;
  /** Internal load balancer settings, when `access` is `load-balancer`. */
  readonly loadBalancer?: LoadBalancerSpec;
  /** @default 8080 */
  readonly port?: number;
  /** Literal environment variables. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** @default 0..100 instances */
  readonly scaling?: ScalingSpec;
  /** Email of the service account the service runs as. @default - Cloud Run's default */
  readonly serviceAccount?: string;
}

export interface EgressSpec {
  /** @default 'none' */
  readonly via?: EgressVia;
  /** @default 'private-ranges-only' */
  readonly route?: EgressRouteSetting;
}

export interface LoadBalancerSpec {
  /** Static internal address in the workload subnet. @default - derived from the service name */
  readonly address?: string;
}

export interface ScalingSpec {
  /** @default 0 */
  readonly minInstances?: number;
  /** @default 100 */
  readonly maxInstances?: number;
}
