/**
 * Every choice of the topology file and the constructs, each defined once. The spec's unions (spec.ts), the
 * schema's enums (schema.ts, service-settings-schema.ts) and the constructs' enum-like objects (`Ingress`,
 * `EgressRoute`, `ServiceFormat`, `SubnetPurpose`, re-exported beside their constructs) all derive from these, so a
 * value added here is accepted by the schema, typed in the spec and offered to TypeScript users at once.
 * test/input/choices.unit.ts holds every schema enum equal to its field's union.
 *
 * A choice TypeScript users pick from is an object of named values (read as `Ingress.INTERNAL`); one only the
 * topology file takes is a list.
 */

/** The values of an enum-like object, in declaration order: what a schema's `enum` lists. */
export function choices<T extends Readonly<Record<string, string>>>(choice: T): Array<T[keyof T]> {
  return Object.keys(choice).map((k) => choice[k as keyof T]);
}

/**
 * Who may reach a Cloud Run service over the network.
 * @see https://cloud.google.com/run/docs/securing/ingress
 */
export const Ingress = {
  /** Anyone on the internet (IAM still applies). */
  ALL: 'all',
  /** Only the project's VPC networks, internal Application Load Balancers and some Google services. */
  INTERNAL: 'internal',
  /** `internal` plus external Application Load Balancers. */
  INTERNAL_AND_CLOUD_LOAD_BALANCING: 'internal-and-cloud-load-balancing',
} as const;
export type Ingress = (typeof Ingress)[keyof typeof Ingress];

/**
 * Which outbound traffic goes into the VPC.
 * @see https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#direct-vpc-service
 */
export const EgressRoute = {
  /** Only traffic to internal (RFC 1918 / RFC 6598) addresses; the rest goes straight to the internet. */
  PRIVATE_RANGES_ONLY: 'private-ranges-only',
  /** Everything, including `*.run.app` and the internet (which then needs Cloud NAT). */
  ALL_TRAFFIC: 'all-traffic',
} as const;
export type EgressRoute = (typeof EgressRoute)[keyof typeof EgressRoute];

/**
 * How a Cloud Run service is written. A service is written in one format, never both: two owners of one
 * service would undo each other's revisions.
 */
export const ServiceFormat = {
  /** A Knative `serving.knative.dev/v1` Service, deployed with `gcloud run services replace`. */
  KNATIVE: 'knative',
  /**
   * A Config Connector `RunService`, applied with everything else by `kubectl apply` or Argo CD.
   * @see https://cloud.google.com/config-connector/docs/reference/resource-docs/run/runservice
   */
  CONFIG_CONNECTOR: 'config-connector',
} as const;
export type ServiceFormat = (typeof ServiceFormat)[keyof typeof ServiceFormat];

/** What a subnet is for. */
export const SubnetPurpose = {
  /** An ordinary subnet for workloads, connectors, Direct VPC egress and internal load balancer addresses. */
  PRIVATE: 'PRIVATE',
  /**
   * Reserved for the Envoy proxies of regional managed load balancers, such as the regional internal
   * Application Load Balancer. One active per network and region.
   * @see https://cloud.google.com/load-balancing/docs/proxy-only-subnets
   */
  REGIONAL_MANAGED_PROXY: 'REGIONAL_MANAGED_PROXY',
  /**
   * Reserved for the Envoy proxies of cross-region managed load balancers, such as the cross-region internal
   * Application Load Balancer: one in each region where such a load balancer has a forwarding rule. It exists beside
   * the region's `REGIONAL_MANAGED_PROXY` subnet (ComputeSubnetwork CRD, `purpose`: "shared between all the
   * cross-regional Envoy-based load balancers").
   * @see https://cloud.google.com/load-balancing/docs/proxy-only-subnets
   */
  GLOBAL_MANAGED_PROXY: 'GLOBAL_MANAGED_PROXY',
} as const;
export type SubnetPurpose = (typeof SubnetPurpose)[keyof typeof SubnetPurpose];

/** How a service's outbound traffic enters the VPC (`services[].egress.via`). */
export const EGRESS_VIAS = ['none', 'connector', 'direct-vpc'] as const;
export type EgressVia = (typeof EGRESS_VIAS)[number];

/** How callers reach a service (`services[].access`). */
export const CALLEE_ACCESSES = ['load-balancer', 'private-google-access'] as const;
export type CalleeAccess = (typeof CALLEE_ACCESSES)[number];

/** How a Redis instance joins the network (`backends[].redis.connectMode`). */
export const REDIS_CONNECT_MODES = ['direct-peering', 'private-service-access'] as const;
export type RedisConnectMode = (typeof REDIS_CONNECT_MODES)[number];

/** Memorystore for Redis service tiers (`backends[].redis.tier`). */
export const REDIS_TIERS = ['BASIC', 'STANDARD_HA'] as const;
export type RedisTier = (typeof REDIS_TIERS)[number];

/** How the internal load balancers are laid out (`loadBalancing.mode`). */
export const LOAD_BALANCING_MODES = ['per-service', 'shared'] as const;
export type LoadBalancingMode = (typeof LOAD_BALANCING_MODES)[number];

/** How the ApplicationSet finds the environments (`delivery.argocd.generator`). */
export const ARGO_CD_GENERATORS = ['list', 'git'] as const;
export type ArgoCdGenerator = (typeof ARGO_CD_GENERATORS)[number];

/**
 * Machine types a Serverless VPC Access connector takes (`network.connector.machineType`).
 * @see https://cloud.google.com/vpc/docs/serverless-vpc-access#scaling
 */
export const CONNECTOR_MACHINE_TYPES = ['e2-micro', 'f1-micro', 'e2-standard-4'] as const;
export type ConnectorMachineType = (typeof CONNECTOR_MACHINE_TYPES)[number];

/**
 * Cloud Run execution environments (`services[].executionEnvironment`).
 * @see https://cloud.google.com/run/docs/about-execution-environments
 */
export const EXECUTION_ENVIRONMENTS = ['gen1', 'gen2'] as const;
export type ExecutionEnvironment = (typeof EXECUTION_ENVIRONMENTS)[number];
