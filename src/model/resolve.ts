import { backendEnvVar, derivedName, parseManagedZonePath, serviceAccountEmail, SUBNET_ROLES, SubnetRole } from '../names';
import { cidrProblem, parseCidr } from '../cidr';
import { allocateAddresses, derivedAddress } from './addresses';
import { DEFAULTS, REDIS_PORT } from '../defaults';
import {
  BackendModel,
  DeliveryModel,
  DnsModel,
  LoadBalancerModel,
  LoadBalancingModel,
  PscModel,
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
  const services = spec.services.map((s, index) =>
    resolveService(s, index, spec.project, s.manifest !== undefined ? (manifests.get(s.manifest) ?? unread(s.manifest)) : undefined),
  );
  const dns = resolveDns(spec);

  const calledBy = indexCallers(services);
  const lbServices = services.filter(
    (s) => s.access === 'load-balancer' && ((calledBy.get(s.name)?.length ?? 0) > 0 || spec.services[s.index].loadBalancer),
  );
  const lbNames = new Set(lbServices.map((s) => s.name));

  const uses = (via: ServiceModel['via']) => services.some((s) => s.via === via);
  const needed: Record<SubnetRole, boolean> = {
    workload: lbServices.length > 0,
    proxyOnly: lbServices.length > 0,
    directVpc: uses('direct-vpc'),
    // An existing connector brings its own subnet.
    connector: uses('connector') && net.connector?.existing === undefined,
  };
  const subnets = Object.fromEntries(
    SUBNET_ROLES.map((role) => {
      const given = net.subnets?.[role];
      const model: SubnetModel = {
        role,
        name: given?.name ?? derivedName.subnet(net.name, role),
        namePath: given?.name !== undefined ? `network.subnets.${role}.name` : 'network.name',
        nameDerived: given?.name === undefined,
        cidr: given?.cidr ?? DEFAULTS.subnets[role].cidr,
        cidrPath: `network.subnets.${role}.cidr`,
        privateGoogleAccess: role === 'proxyOnly' ? false : (given?.privateGoogleAccess ?? DEFAULTS.subnet.privateGoogleAccess),
        pgaPath: `network.subnets.${role}.privateGoogleAccess`,
        needed: needed[role],
      };
      return [role, model];
    }),
  ) as Record<SubnetRole, SubnetModel>;

  const workloadCidr = subnets.workload.cidr;
  const loadBalancing = resolveLoadBalancing(spec, workloadCidr, lbServices);
  const shared = loadBalancing.shared;
  const addresses =
    cidrProblem(workloadCidr) || shared
      ? new Map<string, string | undefined>()
      : allocateAddresses(
          parseCidr(workloadCidr),
          lbServices.map((s) => ({ name: s.name, pinned: spec.services[s.index].loadBalancer?.address })),
        );
  const withLb = services.map((s): ServiceModel => {
    if (!lbNames.has(s.name)) return s;
    if (shared) {
      // One frontend for all: its address and protocols, the service's own DNS name (its host rule).
      const loadBalancer: LoadBalancerModel = {
        shared: true,
        address: shared.address,
        addressPinned: shared.addressPinned,
        http: shared.http,
        ...(shared.https ? { https: shared.https } : {}),
        ...(dns?.domain ? { dnsName: `${s.name}.${dns.domain}` } : {}),
      };
      return { ...s, loadBalancer };
    }
    const given = spec.services[s.index].loadBalancer;
    const loadBalancer: LoadBalancerModel = {
      address: addresses.get(s.name),
      addressPinned: given?.address !== undefined,
      // HTTPS closes HTTP unless asked for: no clear-text requests (or ID tokens) beside it.
      http: given?.http ?? !given?.https,
      ...(given?.https ? { https: { ...given.https } } : {}),
      ...(dns?.domain ? { dnsName: `${s.name}.${dns.domain}` } : {}),
    };
    return { ...s, loadBalancer };
  });
  const backends = (spec.backends ?? DEFAULTS.topology.backends).map(resolveBackend);

  // An existing network's NAT is the estate's: runnel adds one there (in the host project) only when asked.
  const natEnabled = net.nat?.enabled ?? (!(net.existing ?? DEFAULTS.network.existing) && DEFAULTS.nat.enabled);
  const natSubnets = natEnabled
    ? [...new Set(withLb.filter((s) => s.internet && s.route === 'all-traffic' && s.egressSubnet).map((s) => s.egressSubnet!))].sort()
    : [];

  return {
    spec,
    project: spec.project,
    projectNumber: spec.projectNumber,
    region: spec.region,
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
      needed: needed.connector,
      ...(net.connector?.existing !== undefined ? { existing: net.connector.existing } : {}),
    },
    nat: {
      enabled: natEnabled,
      routerName: net.nat?.routerName ?? derivedName.router(net.name),
      routerNamePath: net.nat?.routerName !== undefined ? 'network.nat.routerName' : 'network.name',
      name: net.nat?.name ?? derivedName.routerNat(net.name),
      namePath: net.nat?.name !== undefined ? 'network.nat.name' : 'network.name',
      subnets: natSubnets,
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

/**
 * The load balancing mode, and in shared mode the one load balancer of every load-balanced service: its address
 * pinned or derived from its name alone (as a per-service address is from the service's), so adding a callee never
 * moves it.
 */
function resolveLoadBalancing(spec: TopologySpec, workloadCidr: string, lbServices: readonly ServiceModel[]): LoadBalancingModel {
  const given = spec.loadBalancing;
  const mode = given?.mode ?? DEFAULTS.loadBalancing.mode;
  if (mode !== 'shared' || lbServices.length === 0) return { mode };
  const name = given?.name ?? derivedName.sharedLoadBalancer(spec.network.name);
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
    },
  };
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
