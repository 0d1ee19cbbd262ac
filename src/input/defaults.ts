import { DEFAULTS } from '../defaults';
import { SubnetRole } from '../names';
import { SubnetPurpose } from '../choices';
import { EnvironmentSpec } from './environments';
import {
  ContainerSettingsSpec,
  ProbeSpec,
  SecretVolumeItemSpec,
  ServiceSettingsSpec,
  SidecarSpec,
  TrafficSpec,
  VolumeSpec,
} from './service-settings';
import {
  ArgoCdSpec,
  ConnectorSpec,
  DeliverySpec,
  DnsSpec,
  EgressSpec,
  FailoverSpec,
  LoadBalancingSpec,
  NatSpec,
  NetworkSpec,
  PrivateServiceAccessSpec,
  PrivateServiceConnectSpec,
  RedisSpec,
  ScalingSpec,
  SecretRefSpec,
  ServiceSpec,
  StartupProbeSpec,
  SubnetSpec,
  SubnetsSpec,
  TopologySpec,
} from './spec';

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<NonNullable<T[K]>> }
    : T;

/**
 * The shape of the defaults table (src/defaults.ts, in the ground stage so every construct can read it): one section per interface of the topology file's contract, named after it
 * (`ServiceSpec` → `service`), holding the default of each of its fields that has one; then one section per
 * construct whose props have defaults the topology file does not name.
 */
interface DefaultsTable {
  readonly topology: DeepPartial<TopologySpec>;
  readonly network: DeepPartial<NetworkSpec>;
  readonly subnets: { readonly [R in SubnetRole]: { readonly cidr: string } } & DeepPartial<SubnetsSpec>;
  readonly subnet: DeepPartial<SubnetSpec>;
  readonly connector: DeepPartial<ConnectorSpec>;
  readonly privateServiceAccess: DeepPartial<PrivateServiceAccessSpec>;
  readonly nat: DeepPartial<NatSpec>;
  readonly service: DeepPartial<ServiceSpec>;
  readonly egress: DeepPartial<EgressSpec>;
  readonly scaling: DeepPartial<ScalingSpec>;
  readonly failover: DeepPartial<FailoverSpec>;
  readonly startupProbe: DeepPartial<StartupProbeSpec>;
  readonly secretRef: DeepPartial<SecretRefSpec>;
  readonly serviceSettings: DeepPartial<ServiceSettingsSpec>;
  readonly containerSettings: DeepPartial<ContainerSettingsSpec>;
  readonly sidecar: DeepPartial<SidecarSpec>;
  readonly probe: DeepPartial<ProbeSpec>;
  readonly secretVolumeItem: DeepPartial<SecretVolumeItemSpec>;
  readonly volume: DeepPartial<VolumeSpec>;
  readonly traffic: DeepPartial<TrafficSpec>;
  readonly redis: DeepPartial<RedisSpec>;
  readonly dns: DeepPartial<DnsSpec>;
  readonly privateServiceConnect: DeepPartial<PrivateServiceConnectSpec>;
  readonly loadBalancing: DeepPartial<LoadBalancingSpec>;
  readonly delivery: DeepPartial<DeliverySpec>;
  readonly argoCd: DeepPartial<ArgoCdSpec>;
  readonly environment: DeepPartial<EnvironmentSpec>;
  /** Defaults of construct props only TypeScript users set. */
  readonly constructs: {
    readonly subnet: { readonly purpose: SubnetPurpose };
    readonly network: { readonly routingMode: 'REGIONAL' | 'GLOBAL' };
    readonly dnsRecord: { readonly ttl: number };
    readonly kccMetadata: { readonly stateful: boolean; readonly pruneLast: boolean };
    readonly loadBalancer: { readonly serviceInOutput: boolean };
  };
}

/**
 * The table, checked here against the contract (the table sits below input/ in the pipeline, so it cannot name
 * the spec's types itself): a section whose field names a value of the wrong type fails to compile.
 */
export const CHECKED_DEFAULTS: DefaultsTable = DEFAULTS;

/** The section of the table that holds the defaults of a contract interface's fields: `ServiceSpec` → `service`. */
export function defaultsSection(interfaceName: string): string {
  const stem = interfaceName.replace(/Spec$/, '');
  return stem.charAt(0).toLowerCase() + stem.slice(1);
}

/**
 * The table's default of a field of the contract, by the interface that declares it and the field's path inside
 * it (`['cloudStorage', 'readOnly']` in `VolumeSpec`); undefined when the table has none.
 */
export function contractDefault(interfaceName: string, path: readonly string[]): { readonly value: unknown } | undefined {
  const section = defaultsSection(interfaceName);
  if (section === 'constructs') return undefined;
  let at: unknown = (DEFAULTS as Record<string, unknown>)[section];
  for (const key of path) {
    if (!at || typeof at !== 'object' || Array.isArray(at) || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at === undefined ? undefined : { value: at };
}
