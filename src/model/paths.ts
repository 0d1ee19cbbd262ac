import { memoized } from '../memo';
import { quoted } from '../finding';
import { addressAt, cidrProblem, isIpv4Address, isPrivate, parseCidr } from '../cidr';
import { derivedName, inRegion } from '../names';
import { BackendModel, ServiceModel, TopologyModel } from './model';

/**
 * The paths of a topology, hop by hop: how each caller reaches each callee (and each service its backends), whether
 * a packet gets there (reachable), whether it stays off the internet (private), and whether the callee's IAM policy
 * lets the caller in (authorized). Pure functions over the resolved model; `check`, `explain`, the reachability
 * matrix and the Connectivity Tests all read these proofs, so a verdict is decided in one place.
 *
 * A hop that breaks names the rule that already refuses the cause (`reportedBy`), when one does; the
 * `declared-path-is-proven` rule reports only the breaks no other rule reports.
 */

export type HopKind = 'egress' | 'route' | 'subnet' | 'dns' | 'load-balancer' | 'neg' | 'ingress' | 'iam' | 'address' | 'internet';

/** Why a hop breaks, and the change that mends it. */
export interface HopBreak {
  /** Which verdict it breaks. */
  readonly verdict: 'reachable' | 'private' | 'authorized';
  /** The topology field to change. */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  /** The existing rule that reports this cause, if any (then the paths rule stays silent about it). */
  readonly reportedBy?: string;
  /** Reported as a warning rather than an error (the path works, over a way the topology should not rely on). */
  readonly warning?: boolean;
}

export interface Hop {
  readonly kind: HopKind;
  /** What the hop is, as a reviewer tracing the path would write it. */
  readonly detail: string;
  /** A packet gets past this hop. */
  readonly reachable: boolean;
  /** The hop keeps the request off the internet. */
  readonly private: boolean;
  /** Only on the IAM hop: the caller's identity holds `roles/run.invoker` on the callee. */
  readonly authorized?: boolean;
  /** The documentation the verdict rests on. */
  readonly docUrl: string;
  readonly broken?: HopBreak;
}

export interface PathProof {
  readonly kind: 'call' | 'use';
  readonly from: string;
  readonly to: string;
  /** Whether the topology declares it (`calls` or `uses`); where, when it does. */
  readonly declared: boolean;
  readonly declaredAt?: string;
  readonly hops: readonly Hop[];
  readonly reachable: boolean;
  readonly private: boolean;
  /** Calls: the callee's IAM policy admits the caller. Uses: always true (backends check no IAM identity). */
  readonly authorized: boolean;
  /**
   * The region the caller's request starts in, when the topology has several (`regions`): each region's copy of the
   * caller takes its own region's egress and frontend.
   */
  readonly region?: string;
  /** The first hop that breaks a verdict, if any. */
  readonly broken?: Hop;
}

export type InternetWay = 'cloud-run' | 'nat' | 'none';

export interface InternetProof {
  readonly service: string;
  /** How the service's internet-bound requests leave: Cloud Run's own egress, Cloud NAT, or not at all. */
  readonly way: InternetWay;
  readonly detail: string;
  readonly docUrl: string;
}

/** Documentation behind each verdict. */
export const PATH_DOCS = {
  directVpc: 'https://cloud.google.com/run/docs/configuring/vpc-direct-vpc',
  connector: 'https://cloud.google.com/run/docs/configuring/vpc-connectors',
  noVpcEgress: 'https://cloud.google.com/run/docs/securing/ingress#settings',
  routing: 'https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#direct-vpc-egress',
  connectorRanges: 'https://cloud.google.com/vpc/docs/serverless-vpc-access',
  privateZone: 'https://cloud.google.com/dns/docs/zones#create-private-zone',
  runAppDomains: 'https://cloud.google.com/vpc/docs/configure-private-google-access#domain-options',
  runAppPrivate: 'https://cloud.google.com/run/docs/configuring/networking-best-practices',
  psc: 'https://cloud.google.com/vpc/docs/configure-private-service-connect-apis',
  pga: 'https://cloud.google.com/vpc/docs/private-google-access',
  internalAlb: 'https://cloud.google.com/load-balancing/docs/l7-internal',
  crossRegionAlb: 'https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless',
  serverlessNeg: 'https://cloud.google.com/load-balancing/docs/negs/serverless-neg-concepts',
  ingress: 'https://cloud.google.com/run/docs/securing/ingress#settings',
  invoker: 'https://cloud.google.com/run/docs/authenticating/service-to-service',
  redis: 'https://cloud.google.com/memorystore/docs/redis/networking',
  nat: 'https://cloud.google.com/run/docs/configuring/static-outbound-ip',
  firewall: 'https://cloud.google.com/firewall/docs/firewalls#default_firewall_rules',
} as const;

/** Every declared call and use of the topology, in file order (calls before uses of each service). */
export function declaredPaths(model: TopologyModel): readonly PathProof[] {
  return memoized(DECLARED, model, proveDeclared);
}

/** Proved once per model: a rule, the Connectivity Tests (asked by two rules and synth) and the diagram ask. */
const DECLARED = new WeakMap<TopologyModel, readonly PathProof[]>();

function proveDeclared(model: TopologyModel): PathProof[] {
  const proofs: PathProof[] = [];
  for (const s of model.services) {
    s.calls.forEach((name, i) => {
      const callee = model.servicesByName.get(name);
      if (callee && callee !== s && s.calls.indexOf(name) === i) proofs.push(callPath(model, s, callee, `${s.path}.calls[${i}]`));
    });
    s.uses.forEach((name, i) => {
      const backend = model.backendsByName.get(name);
      if (backend && s.uses.indexOf(name) === i) proofs.push(usePath(model, s, backend, `${s.path}.uses[${i}]`));
    });
  }
  return proofs;
}

/** The pairs nobody declared: every caller → callee the topology does not list in `calls`. */
export function undeclaredCalls(model: TopologyModel): PathProof[] {
  const proofs: PathProof[] = [];
  for (const caller of model.services) {
    for (const callee of model.services) {
      if (callee === caller || caller.calls.includes(callee.name) || model.servicesByName.get(callee.name) !== callee) continue;
      if (model.servicesByName.get(caller.name) !== caller) continue;
      proofs.push(callPath(model, caller, callee));
    }
  }
  return proofs;
}

/**
 * The undeclared pairs IAM would let through because the would-be caller runs as the same account as a declared
 * caller: the only way runnel's own grants authorize an undeclared call. Linear in the declared calls (the full
 * matrix, `undeclaredCalls`, is quadratic: a million paths at 1,000 services).
 */
export function sharedAccountCalls(model: TopologyModel): PathProof[] {
  const byAccount = new Map<string, ServiceModel[]>();
  for (const s of model.services) {
    if (model.servicesByName.get(s.name) !== s) continue;
    const list = byAccount.get(s.serviceAccount);
    if (list) list.push(s);
    else byAccount.set(s.serviceAccount, [s]);
  }
  const proofs: PathProof[] = [];
  for (const callee of model.services) {
    if (model.servicesByName.get(callee.name) !== callee) continue;
    const seen = new Set<ServiceModel>();
    for (const declared of model.callersByName.get(callee.name) ?? []) {
      for (const s of byAccount.get(declared.serviceAccount) ?? []) {
        if (s === callee || seen.has(s) || s.calls.includes(callee.name)) continue;
        seen.add(s);
        proofs.push(callPath(model, s, callee));
      }
    }
  }
  return proofs;
}

/** Proof of caller → callee. `declaredAt` is the `calls[i]` path when the topology declares the call. */
export function callPath(
  model: TopologyModel,
  caller: ServiceModel,
  callee: ServiceModel,
  declaredAt?: string,
  region: string = caller.regions[0],
): PathProof {
  const hops = callee.loadBalancer
    ? loadBalancerHops(model, caller, callee, declaredAt, region)
    : runAppHops(model, caller, callee, declaredAt);
  hops.push(invokerHop(model, caller, callee, declaredAt));
  const proof = prove('call', caller.name, callee.name, hops, declaredAt);
  return model.regions.length > 1 ? { ...proof, region } : proof;
}

/** Proof of service → backend (network only: backends check no Google identity). */
export function usePath(model: TopologyModel, s: ServiceModel, b: BackendModel, declaredAt?: string): PathProof {
  const at = declaredAt ?? `${s.path}.uses`;
  const hops: Hop[] = [];
  const egress = egressHop(model, s);
  if (s.via === 'none') {
    hops.push({
      ...egress,
      reachable: false,
      broken: {
        verdict: 'reachable',
        path: at,
        message: `${quoted(s.name)} has no VPC egress, so backend ${quoted(b.name)}'s private address is unreachable`,
        fix: `set ${s.path}.egress.via to direct-vpc or connector`,
        reportedBy: 'backend-user-needs-vpc-egress',
      },
    });
    return prove('use', s.name, b.name, hops, declaredAt);
  }
  hops.push(egress);
  const ip = b.host !== undefined && isIpv4Address(b.host) ? b.host : undefined;
  const privateAddress = ip === undefined || isPrivate(parseCidr(`${ip}/32`));
  const where = b.redis
    ? `Redis ${b.name} at ${b.host ?? 'an address from its reserved range (known after apply)'}:${b.port}, ${b.redis.connectMode === 'private-service-access' ? `through private services access (${model.privateServiceAccess.cidr})` : 'through its own VPC peering'}`
    : ip
      ? `endpoint ${b.name} at ${ip}:${b.port}`
      : `endpoint ${b.name} at ${b.host}:${b.port} (a name: the caller's DNS resolves it at run time, runnel cannot prove its address)`;
  if (s.route === 'private-ranges-only') {
    hops.push({
      kind: 'route',
      detail: privateAddress
        ? `private-ranges-only: ${ip ?? 'the internal address'} is in RFC 1918/6598, so it goes into the VPC`
        : `private-ranges-only: ${ip} is outside RFC 1918/6598, so Cloud Run sends it to the internet`,
      reachable: privateAddress,
      private: privateAddress,
      docUrl: PATH_DOCS.routing,
      ...(privateAddress
        ? {}
        : {
            broken: {
              verdict: 'reachable' as const,
              path: at,
              message: `backend ${quoted(b.name)} is at ${ip}, outside the internal ranges, so private-ranges-only egress sends it to the internet`,
              fix: `set ${s.path}.egress.route to all-traffic, or give ${b.hostPath} an internal address`,
              reportedBy: 'backend-user-needs-vpc-egress',
            },
          }),
    });
  } else {
    hops.push({
      kind: 'route',
      detail: 'all-traffic: every request goes into the VPC',
      reachable: true,
      private: true,
      docUrl: PATH_DOCS.routing,
    });
  }
  if (privateAddress) {
    hops.push({
      kind: 'address',
      detail: where,
      reachable: true,
      private: true,
      docUrl: b.redis ? PATH_DOCS.redis : PATH_DOCS.routing,
    });
  } else {
    // all-traffic sends it into the VPC, whose routes decide: a privately used public range (a peered or
    // on-premises network's) stays inside; runnel does not see those routes, so this hop is taken as declared.
    hops.push({
      kind: 'address',
      detail: `${where}: outside RFC 1918/6598, taken to be a privately used public address routed inside the VPC (runnel cannot see routes it does not create)`,
      reachable: true,
      private: true,
      docUrl: PATH_DOCS.routing,
    });
  }
  return prove('use', s.name, b.name, hops, declaredAt);
}

/** How each service reaches the internet. */
export function internetPath(model: TopologyModel, s: ServiceModel): InternetProof {
  if (s.via === 'none') {
    return {
      service: s.name,
      way: 'cloud-run',
      detail: 'no VPC egress: Cloud Run sends every request out through its own internet egress',
      docUrl: PATH_DOCS.routing,
    };
  }
  if (s.route === 'private-ranges-only') {
    return {
      service: s.name,
      way: 'cloud-run',
      detail:
        "private-ranges-only: only internal ranges enter the VPC; internet-bound requests leave through Cloud Run directly (not private, and not through runnel's network)",
      docUrl: PATH_DOCS.routing,
    };
  }
  const natted = s.egressSubnet !== undefined && model.nat.subnets.includes(s.egressSubnet);
  return natted
    ? {
        service: s.name,
        way: 'nat',
        detail: `all-traffic into subnet ${model.subnets[s.egressSubnet!].name}, out through Cloud NAT ${model.nat.name}`,
        docUrl: PATH_DOCS.nat,
      }
    : {
        service: s.name,
        way: 'none',
        detail: 'all-traffic into the VPC, and no Cloud NAT on its egress subnet: no way to the internet',
        docUrl: PATH_DOCS.nat,
      };
}

function prove(kind: PathProof['kind'], from: string, to: string, hops: Hop[], declaredAt?: string): PathProof {
  const reachable = hops.every((h) => h.reachable);
  const isPrivate = hops.every((h) => h.private);
  const authorized = hops.every((h) => h.authorized !== false);
  const broken = hops.find((h) => !h.reachable || !h.private || h.authorized === false);
  return {
    kind,
    from,
    to,
    declared: declaredAt !== undefined,
    ...(declaredAt !== undefined ? { declaredAt } : {}),
    hops,
    reachable,
    private: isPrivate,
    authorized,
    ...(broken ? { broken } : {}),
  };
}

/** The caller's way into the VPC: Direct VPC egress or the connector, from which subnet. */
function egressHop(model: TopologyModel, s: ServiceModel, region: string = model.region): Hop {
  if (s.via === 'none') {
    return {
      kind: 'egress',
      detail: "no VPC egress: requests leave through Cloud Run's internet egress",
      reachable: true,
      private: false,
      docUrl: PATH_DOCS.noVpcEgress,
    };
  }
  // The caller's copy in `region` egresses through that region's subnet or connector.
  const where = model.regionsByName.get(region) ?? model.regions[0];
  const subnet = where.subnets[s.egressSubnet!];
  const connectorName = where.primary ? model.connector.name : where.connectorName;
  return s.via === 'direct-vpc'
    ? {
        kind: 'egress',
        detail: `Direct VPC egress from subnet ${subnet.name} (${subnet.cidr}), route ${s.route}; no firewall rule in the topology, so the VPC's implied allow-egress rule applies`,
        reachable: true,
        private: true,
        docUrl: PATH_DOCS.directVpc,
      }
    : {
        kind: 'egress',
        detail: `${model.connector.existing !== undefined ? `existing connector ${model.connector.existing}` : `connector ${connectorName} in subnet ${subnet.name} (${subnet.cidr})`}, route ${s.route}; no firewall rule in the topology, so the VPC's implied allow-egress rule applies`,
        reachable: true,
        private: true,
        docUrl: PATH_DOCS.connector,
      };
}

function loadBalancerHops(
  model: TopologyModel,
  caller: ServiceModel,
  callee: ServiceModel,
  declaredAt: string | undefined,
  region: string,
): Hop[] {
  const lb = callee.loadBalancer!;
  // A service in several regions: the frontend of the caller's region (its geo DNS item), else its first one.
  const frontend = lb.crossRegion ? (lb.frontends.find((f) => f.region === region) ?? lb.frontends[0]) : undefined;
  const at = declaredAt ?? `${caller.path}.calls`;
  const hops: Hop[] = [];
  if (caller.via === 'none') {
    hops.push({
      ...egressHop(model, caller, region),
      reachable: false,
      broken: {
        verdict: 'reachable',
        path: at,
        message: `${quoted(caller.name)} calls ${quoted(callee.name)} through its internal load balancer but has no VPC egress, so the load balancer's address is unreachable`,
        fix: `set ${caller.path}.egress.via to direct-vpc or connector`,
        reportedBy: 'caller-needs-vpc-egress',
      },
    });
    return hops;
  }
  hops.push(egressHop(model, caller, region));
  const address = frontend ? frontend.address : lb.address;
  const addressPrivate = address === undefined || !isIpv4Address(address) || isPrivate(parseCidr(`${address}/32`));
  hops.push({
    kind: 'route',
    detail:
      caller.route === 'all-traffic'
        ? 'all-traffic: every request goes into the VPC'
        : `private-ranges-only: the load balancer's address ${address ?? ''} is internal, so it goes into the VPC`.replace('  ', ' '),
    reachable: caller.route === 'all-traffic' || addressPrivate,
    private: caller.route === 'all-traffic' || addressPrivate,
    docUrl: PATH_DOCS.routing,
    ...(caller.route === 'all-traffic' || addressPrivate
      ? {}
      : {
          broken: {
            verdict: 'reachable' as const,
            path: model.subnets.workload.cidrPath,
            message: `the load balancer's address ${address} is outside the internal ranges`,
            fix: `set ${model.subnets.workload.cidrPath} to an internal range`,
            reportedBy: 'cidr-must-be-private',
          },
        }),
  });
  const https = lb.https !== undefined;
  if (lb.dnsName) {
    hops.push({
      kind: 'dns',
      detail: frontend
        ? `${lb.dnsName} resolved by private zone ${model.dns!.zoneName} (visible to network ${model.network.name}) with a geolocation policy: callers in ${region} get ${frontend.region}'s frontend ${address ?? 'address'}, the nearest other region's while it is unhealthy`
        : `${lb.dnsName} resolved by private zone ${model.dns!.zoneName} (visible to network ${model.network.name}) to ${address ?? 'the load balancer address'}`,
      reachable: true,
      private: true,
      docUrl: PATH_DOCS.privateZone,
    });
  } else {
    hops.push({
      kind: 'dns',
      detail: https
        ? 'no DNS name: HTTPS needs a name the certificate matches'
        : `no DNS name: the caller uses the address ${address ?? ''}`.trim(),
      reachable: !https,
      private: true,
      docUrl: PATH_DOCS.privateZone,
      ...(https
        ? {
            broken: {
              verdict: 'reachable' as const,
              path: `${callee.path}.loadBalancer.https`,
              message: `${quoted(callee.name)} serves HTTPS without a private DNS name for its certificate`,
              fix: 'set dns.domain',
              reportedBy: 'https-needs-private-dns',
            },
          }
        : {}),
    });
  }
  const ports = [lb.http ? 'HTTP :80' : undefined, https ? 'HTTPS :443' : undefined].filter(Boolean).join(', ');
  if (frontend) {
    const where = model.regionsByName.get(frontend.region)!;
    const proxies = where.subnets.globalProxyOnly;
    const neg = inRegion(derivedName.neg(callee.name), frontend.region, where.primary);
    const others = callee.regions.filter((r) => r !== frontend.region);
    hops.push({
      kind: 'load-balancer',
      detail: `${lb.shared ? `shared cross-region internal Application Load Balancer ${model.loadBalancing.shared?.crossRegion?.name}, host rule ${lb.dnsName ?? callee.name} to backend service ${derivedName.backendService(callee.name)},` : `cross-region internal Application Load Balancer ${callee.name}:`} forwarding rule in ${frontend.region} at ${address ?? '(no usable address)'} (${ports}), Envoy proxies in GLOBAL_MANAGED_PROXY subnet ${proxies.name} (${proxies.cidr}), global backend service ${derivedName.backendService(callee.name)} with outlier detection`,
      reachable: address !== undefined,
      private: true,
      docUrl: PATH_DOCS.crossRegionAlb,
    });
    hops.push({
      kind: 'neg',
      detail: `serverless NEG ${neg} to Cloud Run service ${callee.name} in ${frontend.region} (the proxies' own region is preferred); when outlier detection ejects it, the NEGs in ${others.join(', ')}`,
      reachable: true,
      private: true,
      docUrl: PATH_DOCS.crossRegionAlb,
    });
    hops.push({
      kind: 'ingress',
      detail: `ingress ${callee.ingress} admits requests through an internal Application Load Balancer`,
      reachable: true,
      private: true,
      docUrl: PATH_DOCS.ingress,
    });
    return hops;
  }
  hops.push({
    kind: 'load-balancer',
    detail: `${lb.shared ? `shared regional internal Application Load Balancer ${model.loadBalancing.shared?.name}, host rule ${lb.dnsName ?? callee.name} to backend service ${derivedName.backendService(callee.name)},` : `regional internal Application Load Balancer ${callee.name}`} at ${address ?? '(no usable address)'} (${ports}), Envoy proxies in subnet ${model.subnets.proxyOnly.name} (${model.subnets.proxyOnly.cidr}), same region ${model.region} as the caller`,
    reachable: address !== undefined,
    private: true,
    docUrl: PATH_DOCS.internalAlb,
    ...(address === undefined
      ? {
          broken: {
            verdict: 'reachable' as const,
            path: model.subnets.workload.cidrPath,
            message: `the workload subnet has no usable address for ${quoted(callee.name)}'s load balancer`,
            fix: `widen ${model.subnets.workload.cidrPath}`,
            reportedBy: 'lb-address-must-be-usable',
          },
        }
      : {}),
  });
  hops.push({
    kind: 'neg',
    detail: `serverless NEG to Cloud Run service ${callee.name} in ${model.region} (no firewall rule needed for serverless NEG backends)`,
    reachable: true,
    private: true,
    docUrl: PATH_DOCS.serverlessNeg,
  });
  // Every ingress setting admits requests from an internal Application Load Balancer.
  hops.push({
    kind: 'ingress',
    detail: `ingress ${callee.ingress} admits requests through an internal Application Load Balancer`,
    reachable: true,
    private: true,
    docUrl: PATH_DOCS.ingress,
  });
  return hops;
}

function runAppHops(model: TopologyModel, caller: ServiceModel, callee: ServiceModel, declaredAt?: string): Hop[] {
  const at = declaredAt ?? `${caller.path}.calls`;
  const hops: Hop[] = [];
  const zone = !model.dns?.runAppZoneName ? 'none' : model.psc ? 'psc' : 'vips';
  const open = callee.ingress === 'all';
  const url = `${callee.name}'s *.run.app URL`;
  if (caller.via === 'none') {
    hops.push({
      ...egressHop(model, caller),
      reachable: open,
      broken: open
        ? {
            verdict: 'private',
            path: at,
            message: `${quoted(caller.name)} calls ${quoted(callee.name)} at its *.run.app URL without VPC egress, so the request goes to Google's public address, as if from the internet`,
            fix: `set ${caller.path}.egress.via to direct-vpc or connector and ${callee.path}.ingress to internal (or put ${quoted(callee.name)} behind the internal load balancer)`,
          }
        : {
            verdict: 'reachable',
            path: at,
            message: `${quoted(caller.name)} calls ${quoted(callee.name)} (ingress ${callee.ingress}) without VPC egress; the request arrives as external and gets 404`,
            fix: `set ${caller.path}.egress.via to direct-vpc or connector`,
            reportedBy: 'caller-needs-vpc-egress',
          },
    });
    hops.push({
      kind: 'dns',
      detail: `${url} resolved by public DNS to Google's public addresses`,
      reachable: true,
      private: false,
      docUrl: PATH_DOCS.runAppDomains,
    });
    hops.push({
      kind: 'ingress',
      detail: `ingress ${callee.ingress} ${open ? 'admits requests from the internet' : 'refuses a request from outside the VPC (404)'}`,
      reachable: open,
      private: !open,
      docUrl: PATH_DOCS.ingress,
    });
    return hops;
  }
  hops.push(egressHop(model, caller));
  const dnsDetail =
    zone === 'none'
      ? `${url} resolved by public DNS to Google's public addresses`
      : zone === 'psc'
        ? `${url} resolved by private zone ${model.dns!.runAppZoneName} to the Private Service Connect endpoint ${model.psc!.address}`
        : `${url} resolved by private zone ${model.dns!.runAppZoneName} to private.googleapis.com (199.36.153.8/30)`;
  const entersVpc = caller.route === 'all-traffic' || zone === 'psc' || (zone === 'vips' && caller.via === 'direct-vpc');
  hops.push({
    kind: 'dns',
    detail: dnsDetail,
    reachable: true,
    private: true,
    docUrl: zone === 'psc' ? PATH_DOCS.psc : PATH_DOCS.runAppDomains,
  });
  hops.push({
    kind: 'route',
    detail: entersVpc
      ? `${caller.route}: the request goes into the VPC`
      : `private-ranges-only${zone === 'vips' ? ' through a connector (which routes only RFC 1918/6598, not 199.36.153.8/30)' : ''}: the public address is sent out of the VPC`,
    reachable: entersVpc || open,
    private: entersVpc,
    docUrl: zone === 'vips' ? PATH_DOCS.connectorRanges : PATH_DOCS.runAppPrivate,
    ...(entersVpc
      ? {}
      : {
          broken: {
            verdict: open ? ('private' as const) : ('reachable' as const),
            path: `${caller.path}.egress.route`,
            message: `${quoted(caller.name)} calls ${quoted(callee.name)} at its *.run.app URL, and the request leaves the VPC`,
            fix: `set ${caller.path}.egress.route to all-traffic`,
            reportedBy: 'run-app-call-needs-all-traffic',
            ...(open ? { warning: true } : {}),
          },
        }),
  });
  if (!entersVpc) return hops;
  // Mirrors run-app-call-needs-private-google-access: routed into the VPC, run.app is reached through PGA.
  const throughVips = caller.via === 'direct-vpc' && caller.route === 'private-ranges-only' && zone === 'vips';
  if (caller.route === 'all-traffic' || throughVips) {
    const subnet = model.subnets[caller.egressSubnet!];
    hops.push({
      kind: 'subnet',
      detail: `subnet ${subnet.name}: Private Google Access ${subnet.privateGoogleAccess ? 'on' : 'off'}`,
      reachable: subnet.privateGoogleAccess,
      private: true,
      docUrl: PATH_DOCS.pga,
      ...(subnet.privateGoogleAccess
        ? {}
        : {
            broken: {
              verdict: 'reachable' as const,
              path: subnet.pgaPath,
              message: `${quoted(caller.name)} reaches *.run.app through subnet ${quoted(subnet.name)}, which has Private Google Access off`,
              fix: `set ${subnet.pgaPath} to true`,
              reportedBy: 'run-app-call-needs-private-google-access',
            },
          }),
    });
  } else {
    hops.push({
      kind: 'subnet',
      detail: `Private Service Connect endpoint ${model.psc!.name} at ${model.psc!.address} in network ${model.network.name}`,
      reachable: true,
      private: true,
      docUrl: PATH_DOCS.psc,
    });
  }
  hops.push({
    kind: 'ingress',
    detail: `ingress ${callee.ingress} admits a request from the VPC (routed through ${caller.via === 'direct-vpc' ? 'Direct VPC egress' : 'a connector'})`,
    reachable: true,
    private: true,
    docUrl: PATH_DOCS.ingress,
  });
  return hops;
}

function invokerHop(model: TopologyModel, caller: ServiceModel, callee: ServiceModel, declaredAt?: string): Hop {
  const member = `serviceAccount:${caller.serviceAccount}`;
  // The policy runnel writes: callers' accounts, `invokers`, and allUsers when public (PrivateTopology.createInvokerPolicies).
  const callerAccounts = (model.callersByName.get(callee.name) ?? []).filter((c) => c.serviceAccount === caller.serviceAccount);
  const byCall = callerAccounts.some((c) => c === caller);
  const byShared = !byCall && callerAccounts.length > 0 ? callerAccounts[0] : undefined;
  const byInvokers = callee.invokers.includes(member);
  const authorized = byCall || byShared !== undefined || byInvokers || callee.public;
  const why = byCall
    ? `${member} holds roles/run.invoker on ${callee.name} (a declared call)`
    : byShared
      ? `${member} holds roles/run.invoker on ${callee.name} because ${quoted(byShared.name)}, which shares the account, calls it`
      : byInvokers
        ? `${member} holds roles/run.invoker on ${callee.name} (listed in its invokers)`
        : callee.public
          ? `allUsers holds roles/run.invoker on ${callee.name} (public)`
          : `${member} does not hold roles/run.invoker on ${callee.name}: refused with 403`;
  return {
    kind: 'iam',
    detail: why,
    reachable: true,
    private: true,
    authorized,
    docUrl: PATH_DOCS.invoker,
    ...(authorized || declaredAt === undefined
      ? {}
      : {
          broken: {
            verdict: 'authorized' as const,
            path: declaredAt,
            message: `${quoted(caller.name)} calls ${quoted(callee.name)} but its account lacks roles/run.invoker`,
            fix: `keep ${quoted(callee.name)} in ${caller.path}.calls so runnel grants it`,
          },
        }),
  };
}

/** One Connectivity Test runnel emits: the live counterpart of a declared path's network hops. */
export interface ConnectivityTestPlan {
  readonly name: string;
  readonly kind: PathProof['kind'];
  readonly from: string;
  readonly to: string;
  /** Where the path is declared (`services[0].calls[0]`), the field that names it. */
  readonly declaredAt: string;
  /** A representative address of the caller's egress subnet: the first one GCP hands out there. */
  readonly sourceAddress: string;
  /** The subnet it is taken from, for the description. */
  readonly sourceSubnet: string;
  /** The load balancer's or endpoint's address; absent for a Redis instance (named instead). */
  readonly destinationAddress?: string;
  /** The Redis instance runnel creates, by name. */
  readonly redisInstance?: string;
  readonly port: number;
}

/**
 * The Connectivity Tests `delivery.connectivityTests` emits: one per declared call through an internal load
 * balancer and per use of a backend whose address is known or named (a Redis instance, an endpoint at an IP), from
 * the caller's egress subnet. Calls at `*.run.app` URLs have no test: their far end is Google's front end, whose
 * Cloud Run revision is named only after deploy. A caller without VPC egress has none either (`check` refuses
 * those paths, or they do not enter the VPC).
 */
export function connectivityTestPlans(model: TopologyModel): ConnectivityTestPlan[] {
  if (!model.delivery.connectivityTests) return [];
  const plans: ConnectivityTestPlan[] = [];
  for (const proof of declaredPaths(model)) {
    const caller = model.servicesByName.get(proof.from)!;
    // An existing connector's subnet is not the topology's: runnel does not know an address in it.
    if (!caller.egressSubnet || (caller.via === 'connector' && model.connector.existing !== undefined)) continue;
    const subnet = model.subnets[caller.egressSubnet];
    if (cidrProblem(subnet.cidr) || parseCidr(subnet.cidr).size < 8) continue;
    const common = {
      name: derivedName.connectivityTest(proof.from, proof.to),
      kind: proof.kind,
      from: proof.from,
      to: proof.to,
      declaredAt: proof.declaredAt!,
      // Offset 2: GCP reserves the network address and the gateway (.1) of every subnet.
      sourceAddress: addressAt(parseCidr(subnet.cidr), 2),
      sourceSubnet: subnet.name,
    };
    if (proof.kind === 'call') {
      const lb = model.servicesByName.get(proof.to)!.loadBalancer;
      if (!lb?.address) continue;
      plans.push({ ...common, destinationAddress: lb.address, port: lb.https ? 443 : 80 });
      continue;
    }
    const b = model.backendsByName.get(proof.to)!;
    if (b.redis) plans.push({ ...common, redisInstance: b.name, port: b.port });
    else if (b.host !== undefined && isIpv4Address(b.host)) plans.push({ ...common, destinationAddress: b.host, port: b.port });
  }
  return plans;
}
