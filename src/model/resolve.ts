import { backendEnvVar, derivedName, inRegion, parseManagedZonePath, serviceAccountEmail, SUBNET_ROLES, SubnetRole } from '../names';
import { addressAt, cidrProblem, containsAddress, isIpv4Address, offsetOf, parseCidr } from '../cidr';
import { derivedAddress } from './addresses';
import { DEFAULTS, REDIS_PORT } from '../defaults';
import {
  BackendModel,
  DeliveryModel,
  DnsModel,
  FrontendModel,
  LoadBalancerModel,
  LoadBalancingModel,
  PscModel,
  RegionModel,
  ServiceModel,
  SubnetModel,
  TopologyModel,
} from './model';
import { BackendSpec, SecretRefSpec, TopologySpec } from '../input/spec';
import { ServiceManifest, ServiceManifests } from '../input/service-manifest';

/**
 * Applies defaults and decides the derived parts: which subnets, connector, load balancers and NAT exist.
 * Takes a spec that passed the schema; never throws on semantic problems, which are the rules' business.
 */
export function resolveTopology(spec: TopologySpec, manifests: ServiceManifests = new Map()): TopologyModel {
  const net = spec.network;
  const regionNames = topologyRegions(spec);
  const services = spec.services.map((s, index) =>
    resolveService(
      s,
      index,
      spec.project,
      regionNames,
      s.manifest !== undefined ? (manifests.get(s.manifest) ?? unread(s.manifest)) : undefined,
    ),
  );
  const dns = resolveDns(spec);

  const calledBy = indexCallers(services);
  const lbServices = services.filter(
    (s) => s.access === 'load-balancer' && ((calledBy.get(s.name)?.length ?? 0) > 0 || spec.services[s.index].loadBalancer),
  );
  const lbNames = new Set(lbServices.map((s) => s.name));

  // An existing network's NAT is the estate's: runnel adds one there (in the host project) only when asked.
  const natEnabled = net.nat?.enabled ?? (!(net.existing ?? DEFAULTS.network.existing) && DEFAULTS.nat.enabled);
  const regions = regionNames.map((name, index) => resolveRegion(spec, name, index, services, lbServices, natEnabled));
  const subnets = regions[0].subnets;

  const workloadCidr = subnets.workload.cidr;
  const loadBalancing = resolveLoadBalancing(spec, workloadCidr, lbServices, regions);
  const shared = loadBalancing.shared;
  const frontends = resolveFrontends(spec, regions, lbServices, shared);
  const withLb = services.map((s): ServiceModel => {
    if (!lbNames.has(s.name)) return s;
    if (shared) {
      // One frontend for all: its address and protocols, the service's own DNS name (its host rule). A service in several
      // regions is behind the shared cross-region one: its frontends in the service's regions.
      const cross = s.regions.length > 1 ? shared.crossRegion : undefined;
      const own = cross ? cross.frontends.filter((f) => s.regions.includes(f.region)) : (frontends.get(s.name) ?? []);
      const loadBalancer: LoadBalancerModel = {
        shared: true,
        ...(cross ? { crossRegion: true } : {}),
        address: cross ? own[0]?.address : shared.address,
        addressPinned: cross ? false : shared.addressPinned,
        frontends: own,
        http: shared.http,
        ...(shared.https ? { https: shared.https } : {}),
        ...(dns?.domain ? { dnsName: `${s.name}.${dns.domain}` } : {}),
      };
      return { ...s, loadBalancer };
    }
    const given = spec.services[s.index].loadBalancer;
    const own = frontends.get(s.name) ?? [];
    const loadBalancer: LoadBalancerModel = {
      address: own[0]?.address,
      addressPinned: given?.address !== undefined,
      ...(s.regions.length > 1 ? { crossRegion: true } : {}),
      frontends: own,
      // HTTPS closes HTTP unless asked for: no clear-text requests (or ID tokens) beside it.
      http: given?.http ?? !given?.https,
      ...(given?.https ? { https: { ...given.https } } : {}),
      ...(dns?.domain ? { dnsName: `${s.name}.${dns.domain}` } : {}),
    };
    return { ...s, loadBalancer };
  });
  const backends = (spec.backends ?? DEFAULTS.topology.backends).map(resolveBackend);

  return {
    spec,
    project: spec.project,
    projectNumber: spec.projectNumber,
    region: regions[0].name,
    regions,
    regionsByName: indexByName(regions),
    namespace: spec.namespace,
    network: {
      name: net.name,
      project: net.project ?? spec.project,
      existing: net.existing ?? DEFAULTS.network.existing,
      shared: (net.project ?? spec.project) !== spec.project,
    },
    subnets,
    connector: {
      name: net.connector?.name ?? derivedName.connector(net.name),
      namePath: net.connector?.name !== undefined ? 'network.connector.name' : 'network.name',
      nameDerived: net.connector?.name === undefined,
      minInstances: net.connector?.minInstances ?? DEFAULTS.connector.minInstances,
      maxInstances: net.connector?.maxInstances ?? DEFAULTS.connector.maxInstances,
      machineType: net.connector?.machineType ?? DEFAULTS.connector.machineType,
      needed: subnets.connector.needed,
      ...(net.connector?.existing !== undefined ? { existing: net.connector.existing } : {}),
    },
    nat: {
      enabled: natEnabled,
      routerName: net.nat?.routerName ?? derivedName.router(net.name),
      routerNamePath: net.nat?.routerName !== undefined ? 'network.nat.routerName' : 'network.name',
      name: net.nat?.name ?? derivedName.routerNat(net.name),
      namePath: net.nat?.name !== undefined ? 'network.nat.name' : 'network.name',
      subnets: regions[0].natSubnets,
    },
    privateServiceAccess: {
      name: net.privateServiceAccess?.name ?? derivedName.privateServiceAccess(net.name),
      namePath: net.privateServiceAccess?.name !== undefined ? 'network.privateServiceAccess.name' : 'network.name',
      nameDerived: net.privateServiceAccess?.name === undefined,
      cidr: net.privateServiceAccess?.cidr ?? DEFAULTS.privateServiceAccess.cidr,
      cidrPath: 'network.privateServiceAccess.cidr',
      needed: backends.some((b) => b.redis?.connectMode === 'private-service-access'),
    },
    services: withLb,
    servicesByName: indexByName(withLb),
    callersByName: indexCallers(withLb),
    backends,
    backendsByName: indexByName(backends),
    secrets: (spec.secrets ?? DEFAULTS.topology.secrets).map((x, i) => ({ path: `secrets[${i}]`, name: x.name })),
    ...(dns ? { dns } : {}),
    ...(spec.googleApis ? { psc: resolvePsc(spec) } : {}),
    loadBalancing,
    delivery: resolveDelivery(spec),
  };
}

/** The topology's region names, the first one first: `regions`, else `[region]`. */
export function topologyRegions(spec: TopologySpec): string[] {
  if (spec.regions && spec.regions.length > 0) return [...spec.regions];
  return [spec.region ?? ''];
}

/** `10.10.0.0/24` for the region at `index`: the second octet raised by the index (0 keeps the range). */
function rangeForRegion(cidr: string, index: number): string {
  if (index === 0) return cidr;
  const [a, b, ...rest] = cidr.split('.');
  return [a, String(Number(b) + index), ...rest].join('.');
}

/**
 * One region: its subnets (the first region's configured under `network.subnets`, a later one's under
 * `network.regions.<region>.subnets`, with `-<region>` names and shifted ranges by default), each needed only when
 * something running there uses it, and its connector, router and NAT names.
 */
function resolveRegion(
  spec: TopologySpec,
  name: string,
  index: number,
  services: readonly ServiceModel[],
  lbServices: readonly ServiceModel[],
  natEnabled: boolean,
): RegionModel {
  const net = spec.network;
  const primary = index === 0;
  const here = services.filter((s) => s.regions.includes(name));
  const lbHere = lbServices.filter((s) => s.regions.includes(name));
  const uses = (via: ServiceModel['via']) => here.some((s) => s.via === via);
  const needed: Record<SubnetRole, boolean> = {
    workload: lbHere.length > 0,
    // A service in one region sits behind a regional load balancer, one in several behind a cross-region one.
    proxyOnly: lbHere.some((s) => s.regions.length === 1),
    globalProxyOnly: lbHere.some((s) => s.regions.length > 1),
    directVpc: uses('direct-vpc'),
    // An existing connector brings its own subnet.
    connector: uses('connector') && net.connector?.existing === undefined,
  };
  const configured = primary ? net.subnets : net.regions?.[name]?.subnets;
  const base = primary ? 'network.subnets' : `network.regions.${name}.subnets`;
  const subnets = Object.fromEntries(
    SUBNET_ROLES.map((role) => {
      const given = configured?.[role];
      const proxy = role === 'proxyOnly' || role === 'globalProxyOnly';
      const model: SubnetModel = {
        role,
        name: given?.name ?? inRegion(derivedName.subnet(net.name, role), name, primary),
        namePath: given?.name !== undefined ? `${base}.${role}.name` : 'network.name',
        nameDerived: given?.name === undefined,
        cidr: given?.cidr ?? rangeForRegion(DEFAULTS.subnets[role].cidr, index),
        cidrPath: `${base}.${role}.cidr`,
        privateGoogleAccess: proxy ? false : (given?.privateGoogleAccess ?? DEFAULTS.subnet.privateGoogleAccess),
        pgaPath: `${base}.${role}.privateGoogleAccess`,
        needed: needed[role],
      };
      return [role, model];
    }),
  ) as Record<SubnetRole, SubnetModel>;
  const natSubnets = natEnabled
    ? [...new Set(here.filter((s) => s.internet && s.route === 'all-traffic' && s.egressSubnet).map((s) => s.egressSubnet!))].sort()
    : [];
  return {
    name,
    index,
    path: spec.regions && spec.regions.length > 0 ? `regions[${index}]` : 'region',
    primary,
    subnets,
    connectorName: inRegion(net.connector?.name ?? derivedName.connector(net.name), name, primary),
    routerName: inRegion(net.nat?.routerName ?? derivedName.router(net.name), name, primary),
    natName: inRegion(net.nat?.name ?? derivedName.routerNat(net.name), name, primary),
    natSubnets,
  };
}

/**
 * Each load-balanced service's frontends, one per region it runs in, each with an address in that region's workload
 * subnet. In the service's first region the address is pinned (`loadBalancer.address`) or derived from the service's
 * name and that range alone, as a one-region address is; in its later regions it takes the same place in their
 * workload range (the same offset), so an address that is unique in the first region is unique in every region of the
 * same size, and pinning it there moves them all. In shared mode, the shared load balancer's one frontend.
 */
function resolveFrontends(
  spec: TopologySpec,
  regions: readonly RegionModel[],
  lbServices: readonly ServiceModel[],
  shared: LoadBalancingModel['shared'],
): Map<string, FrontendModel[]> {
  const result = new Map<string, FrontendModel[]>();
  const rangeOf = new Map(
    regions.map((r) => [r.name, cidrProblem(r.subnets.workload.cidr) ? undefined : parseCidr(r.subnets.workload.cidr)]),
  );
  for (const s of lbServices) {
    if (shared) {
      result.set(
        s.name,
        s.regions.map((region) => ({ region, address: shared.address, addressPinned: shared.addressPinned })),
      );
      continue;
    }
    const pinned = spec.services[s.index].loadBalancer?.address;
    const firstRange = rangeOf.get(s.regions[0]);
    const first = pinned ?? (firstRange ? derivedAddress(firstRange, s.name) : undefined);
    const offset =
      first !== undefined && firstRange && isIpv4Address(first) && containsAddress(firstRange, first)
        ? offsetOf(firstRange, first)
        : undefined;
    result.set(
      s.name,
      s.regions.map((region, i) => {
        if (i === 0) return { region, address: first, addressPinned: pinned !== undefined };
        const range = rangeOf.get(region);
        const address =
          range && offset !== undefined && offset >= 2 && offset < range.size - 2
            ? addressAt(range, offset)
            : range
              ? derivedAddress(range, s.name)
              : undefined;
        return { region, address, addressPinned: false };
      }),
    );
  }
  return result;
}

/**
 * The load balancing mode, and in shared mode the one load balancer of every load-balanced service: its address
 * pinned or derived from its name alone (as a per-service address is from the service's), so adding a callee never
 * moves it.
 */
function resolveLoadBalancing(
  spec: TopologySpec,
  workloadCidr: string,
  lbServices: readonly ServiceModel[],
  regions: readonly RegionModel[],
): LoadBalancingModel {
  const given = spec.loadBalancing;
  const mode = given?.mode ?? DEFAULTS.loadBalancing.mode;
  if (mode !== 'shared' || lbServices.length === 0) return { mode };
  const name = given?.name ?? derivedName.sharedLoadBalancer(spec.network.name);
  const cross = lbServices.filter((s) => s.regions.length > 1);
  const address = given?.address ?? (cidrProblem(workloadCidr) ? undefined : derivedAddress(parseCidr(workloadCidr), name));
  return {
    mode,
    shared: {
      name,
      namePath: given?.name !== undefined ? 'loadBalancing.name' : 'network.name',
      ...(address !== undefined ? { address } : {}),
      addressPinned: given?.address !== undefined,
      // HTTPS closes HTTP unless asked for, as on a per-service load balancer.
      http: given?.http ?? !given?.https,
      ...(given?.https ? { https: { ...given.https } } : {}),
      services: lbServices.map((s) => s.name),
      ...(cross.length > 0 ? { crossRegion: resolveSharedCrossRegion(`${name}-global`, cross, regions) } : {}),
    },
  };
}

/**
 * The shared cross-region load balancer of the callees running in several regions: a frontend in each region one of
 * them runs in, its address derived from the name in the first such region and at the same place of the others' ranges
 * (as a per-service cross-region frontend's is).
 */
function resolveSharedCrossRegion(name: string, cross: readonly ServiceModel[], regions: readonly RegionModel[]) {
  const used = regions.filter((r) => cross.some((s) => s.regions.includes(r.name)));
  const rangeOf = (r: RegionModel) => (cidrProblem(r.subnets.workload.cidr) ? undefined : parseCidr(r.subnets.workload.cidr));
  const firstRange = rangeOf(used[0]);
  const first = firstRange ? derivedAddress(firstRange, name) : undefined;
  const offset = first !== undefined && firstRange ? offsetOf(firstRange, first) : undefined;
  const frontends: FrontendModel[] = used.map((r, i) => {
    const range = rangeOf(r);
    const address =
      i === 0
        ? first
        : range && offset !== undefined && offset < range.size - 2
          ? addressAt(range, offset)
          : range
            ? derivedAddress(range, name)
            : undefined;
    return { region: r.name, ...(address !== undefined ? { address } : {}), addressPinned: false };
  });
  return { name, frontends, services: cross.map((s) => s.name) };
}

function resolveDelivery(spec: TopologySpec): DeliveryModel {
  const d = spec.delivery;
  const argo = d?.argocd;
  return {
    cloudRun: d?.cloudRun ?? DEFAULTS.delivery.cloudRun,
    createNamespace: d?.createNamespace ?? DEFAULTS.delivery.createNamespace,
    abandonStateful: d?.abandonStateful ?? DEFAULTS.delivery.abandonStateful,
    enableApis: d?.enableApis ?? DEFAULTS.delivery.enableApis,
    connectivityTests: d?.connectivityTests ?? DEFAULTS.delivery.connectivityTests,
    ...(d?.deployer !== undefined ? { deployer: d.deployer } : {}),
    ...(d?.configConnectorServiceAccount !== undefined ? { configConnectorServiceAccount: d.configConnectorServiceAccount } : {}),
    ...(argo
      ? {
          argocd: {
            name: argo.name ?? derivedName.argoApplication(spec.network.name),
            namespace: argo.namespace ?? DEFAULTS.argoCd.namespace,
            project: argo.project ?? DEFAULTS.argoCd.project,
            repoURL: argo.repoURL,
            targetRevision: argo.targetRevision ?? DEFAULTS.argoCd.targetRevision,
            path: (argo.path ?? DEFAULTS.argoCd.path).replace(/\/+$/, ''),
            generator: argo.generator ?? DEFAULTS.argoCd.generator,
          },
        }
      : {}),
  };
}

function resolveDns(spec: TopologySpec): DnsModel | undefined {
  if (!spec.dns) return undefined;
  const existing = spec.dns.zone ? parseManagedZonePath(spec.dns.zone.existing) : undefined;
  return {
    ...(spec.dns.domain !== undefined ? { domain: spec.dns.domain.replace(/\.$/, '').toLowerCase() } : {}),
    domainPath: 'dns.domain',
    // An existing zone's records are named after it, like a created zone's.
    zoneName: existing?.name ?? spec.dns.zoneName ?? derivedName.dnsZone(spec.network.name),
    zoneNamePath: existing ? 'dns.zone.existing' : spec.dns.zoneName !== undefined ? 'dns.zoneName' : 'network.name',
    zoneNameDerived: !existing && spec.dns.zoneName === undefined,
    ...(existing ? { existingZone: { path: spec.dns.zone!.existing, ...existing } } : {}),
    ...(spec.dns.runApp ? { runAppZoneName: derivedName.runAppZone(spec.network.name) } : {}),
  };
}

function resolvePsc(spec: TopologySpec): PscModel {
  const psc = spec.googleApis!.privateServiceConnect;
  return {
    name: psc.name ?? DEFAULTS.privateServiceConnect.name,
    namePath: 'googleApis.privateServiceConnect.name',
    address: psc.address,
    addressPath: 'googleApis.privateServiceConnect.address',
    zoneName: derivedName.googleApisZone(spec.network.name),
  };
}

function resolveBackend(b: BackendSpec, index: number): BackendModel {
  const path = `backends[${index}]`;
  return {
    index,
    path,
    name: b.name,
    ...(b.redis
      ? {
          redis: {
            tier: b.redis.tier ?? DEFAULTS.redis.tier,
            memorySizeGb: b.redis.memorySizeGb ?? DEFAULTS.redis.memorySizeGb,
            version: b.redis.version ?? DEFAULTS.redis.version,
            connectMode: b.redis.connectMode ?? DEFAULTS.redis.connectMode,
            reservedRange: b.redis.reservedRange,
            reservedRangePath: `${path}.redis.reservedRange`,
          },
        }
      : {}),
    host: b.host ?? b.endpoint?.host,
    hostPath: b.host !== undefined || !b.endpoint ? `${path}.host` : `${path}.endpoint.host`,
    port: b.endpoint?.port ?? REDIS_PORT,
    env: { host: b.env?.host ?? backendEnvVar.host(b.name), port: b.env?.port ?? backendEnvVar.port(b.name) },
    ...(b.redis && b.endpoint ? { kindProblem: 'both' as const } : !b.redis && !b.endpoint ? { kindProblem: 'neither' as const } : {}),
  };
}

function indexByName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  const byName = new Map<string, T>();
  for (const x of items) if (!byName.has(x.name)) byName.set(x.name, x);
  return byName;
}

function indexCallers(services: readonly ServiceModel[]): Map<string, ServiceModel[]> {
  const callers = new Map<string, ServiceModel[]>();
  for (const caller of services) {
    for (const callee of new Set(caller.calls)) {
      const list = callers.get(callee);
      if (list) list.push(caller);
      else callers.set(callee, [caller]);
    }
  }
  return callers;
}

function resolveService(
  spec: TopologySpec['services'][number],
  index: number,
  project: string,
  topologyRegionNames: readonly string[],
  manifest: ServiceManifest | undefined,
): ServiceModel {
  // Without `serviceAccount`, the account the user's own manifest runs as is the service's (an existing one).
  const fromManifest = manifestAccount(manifest);
  const s = spec.serviceAccount === undefined && fromManifest !== undefined ? { ...spec, serviceAccount: fromManifest } : spec;
  const via = s.egress?.via ?? DEFAULTS.egress.via;
  // An email names an existing account; a bare ID, or nothing, an account runnel creates.
  const accountId =
    s.serviceAccount === undefined ? derivedName.serviceAccount(s.name) : s.serviceAccount.includes('@') ? undefined : s.serviceAccount;
  return {
    index,
    path: `services[${index}]`,
    name: s.name,
    image: s.image,
    ingress: s.ingress ?? DEFAULTS.service.ingress,
    via,
    route: s.egress?.route ?? DEFAULTS.egress.route,
    routeSet: s.egress?.route !== undefined,
    internet: s.internet ?? DEFAULTS.service.internet,
    calls: s.calls ?? DEFAULTS.service.calls,
    access: s.access ?? DEFAULTS.service.access,
    port: s.port ?? DEFAULTS.service.port,
    env: s.env ?? DEFAULTS.service.env,
    minInstances: s.scaling?.minInstances ?? DEFAULTS.scaling.minInstances,
    maxInstances: s.scaling?.maxInstances ?? DEFAULTS.scaling.maxInstances,
    serviceAccount: accountId ? serviceAccountEmail(accountId, project) : s.serviceAccount!,
    ...(accountId ? { accountId } : {}),
    uses: s.uses ?? DEFAULTS.service.uses,
    secretEnv: Object.fromEntries(
      Object.entries<SecretRefSpec>(s.secrets ?? DEFAULTS.service.secrets).map(([name, ref]) => [
        name,
        { secret: ref.secret, version: ref.version ?? DEFAULTS.secretRef.version },
      ]),
    ),
    public: s.public ?? DEFAULTS.service.public,
    invokers: s.invokers ?? DEFAULTS.service.invokers,
    ...resolveSettings(s),
    ...(manifest ? { manifest } : {}),
    egressSubnet: via === 'connector' ? 'connector' : via === 'direct-vpc' ? 'directVpc' : undefined,
    ...resolveRegions(s, index, topologyRegionNames),
  };
}

/**
 * A service's regions in the topology's order, each once: `services[].regions` (names the topology does not have are
 * left out here and reported by service-regions-known), else the first region.
 */
function resolveRegions(
  s: TopologySpec['services'][number],
  index: number,
  topologyRegionNames: readonly string[],
): Pick<ServiceModel, 'regions' | 'regionsPath' | 'failover'> {
  const path = `services[${index}]`;
  const known = s.regions ? topologyRegionNames.filter((r) => s.regions!.includes(r)) : [];
  return {
    regions: known.length > 0 ? known : [topologyRegionNames[0]],
    regionsPath: `${path}.regions`,
    ...(s.failover
      ? {
          failover: {
            minInstancesPerRegion: s.failover.minInstancesPerRegion ?? DEFAULTS.failover.minInstancesPerRegion,
            path: `${path}.failover.minInstancesPerRegion`,
          },
        }
      : {}),
  };
}

/**
 * The non-networking settings: everything `ServiceSettingsSpec` names, taken as written, with the deprecated
 * `startupProbe` folded into `probes.startup` (an HTTP probe on the container port, the same output as before).
 */
function resolveSettings(s: TopologySpec['services'][number]): Pick<ServiceModel, 'settings' | 'startupProbePath' | 'startupProbeTwice'> {
  const {
    name: _name,
    image: _image,
    ingress: _ingress,
    egress: _egress,
    internet: _internet,
    calls: _calls,
    access: _access,
    loadBalancer: _loadBalancer,
    port: _port,
    env: _env,
    secrets: _secrets,
    uses: _uses,
    public: _public,
    invokers: _invokers,
    scaling: _scaling,
    serviceAccount: _serviceAccount,
    startupProbe,
    manifest: _manifest,
    regions: _regions,
    failover: _failover,
    ...settings
  } = s;
  const alias = startupProbe && !settings.probes?.startup;
  return {
    settings: alias
      ? {
          ...settings,
          probes: {
            ...settings.probes,
            startup: {
              http: { path: startupProbe.path },
              ...(startupProbe.periodSeconds !== undefined ? { periodSeconds: startupProbe.periodSeconds } : {}),
              ...(startupProbe.failureThreshold !== undefined ? { failureThreshold: startupProbe.failureThreshold } : {}),
            },
          },
        }
      : settings,
    startupProbePath: alias ? 'startupProbe' : 'probes.startup',
    startupProbeTwice: startupProbe !== undefined && settings.probes?.startup !== undefined,
  };
}

/** A manifest the caller did not read (the CLI reads them; API callers pass them to synthesizeTopology). */
function unread(path: string): ServiceManifest {
  return { path, problem: `${JSON.stringify(path)} was not read: synthesize with the CLI, or pass readServiceManifests(input, dir)` };
}

/** The service account email a user's manifest names (Knative `serviceAccountName`, RunService `serviceAccountRef.external`). */
function manifestAccount(manifest: ServiceManifest | undefined): string | undefined {
  const template = (
    manifest?.object?.spec as
      { template?: { spec?: { serviceAccountName?: unknown }; serviceAccountRef?: { external?: unknown } } } | undefined
  )?.template;
  const email = template?.spec?.serviceAccountName ?? template?.serviceAccountRef?.external;
  return typeof email === 'string' && email.includes('@') ? email : undefined;
}

/** Services that call `name`. */
export function callersOf(model: TopologyModel, name: string): readonly ServiceModel[] {
  return model.callersByName.get(name) ?? [];
}

/** The first service named `name`. */
export function serviceNamed(model: TopologyModel, name: string): ServiceModel | undefined {
  return model.servicesByName.get(name);
}
