import { PrivateDnsZone } from '../dns/private-zone';
import { InternalLoadBalancer } from '../lb/internal-lb';
import { ServerlessBackend } from '../lb/serverless-backend';
import { SharedInternalLoadBalancer } from '../lb/shared-internal-lb';
import { TlsCertificate } from '../lb/tls-certificate';
import { LoadBalancerModel, ServiceModel, TopologyModel } from '../model/model';
import { sharedLoadBalancerNames } from '../names';
import { TopologyFiles } from './files';
import { CrossRegionInternalLoadBalancer } from '../lb/cross-region-internal-lb';
import { createCrossRegionLoadBalancers, createSharedCrossRegionLoadBalancer } from './regions';
import { kccScopeOf, NetworkParts } from './network-step';

/** The load balancers in front of the called services, and the URLs they give callers. */
export class LoadBalancers {
  constructor(
    /** Per-service mode: each called service's own load balancer, by service. */
    public readonly perService: ReadonlyMap<string, InternalLoadBalancer>,
    /** Shared mode (`loadBalancing.mode: shared`): the one load balancer of every callee. */
    public readonly shared?: SharedInternalLoadBalancer,
    /** Services in several regions: each one's cross-region load balancer, by service. */
    public readonly crossRegion: ReadonlyMap<string, CrossRegionInternalLoadBalancer> = new Map(),
  ) {}

  /** The URL callers of `service` get, when a load balancer fronts it and its host is known at synth time. */
  public urlOf(service: string): string | undefined {
    return this.shared?.urlOf(service) ?? this.crossRegion.get(service)?.urlOf(service) ?? this.perService.get(service)?.url;
  }

  /** Every URL `service` is answered on: the custom audiences it must accept. */
  public urlsOf(service: string): readonly string[] {
    return this.shared?.urlsOf(service) ?? this.crossRegion.get(service)?.urlsOf(service) ?? this.perService.get(service)?.urls ?? [];
  }
}

/** The certificate a load balancer's `https` names, if any. */
function certificateOf(https: LoadBalancerModel['https']): TlsCertificate | undefined {
  if (https?.certificateSecret) return TlsCertificate.fromSecret(https.certificateSecret, https.certificateVersion);
  if (https?.sslCertificate) return TlsCertificate.fromExisting(https.sslCertificate);
  if (https?.certificateManagerCertificate) return TlsCertificate.fromCertificateManager(https.certificateManagerCertificate);
  return undefined;
}

/**
 * Every called service's path through an internal Application Load Balancer, and its name in the private zone.
 * A record in the service project's zone references the address object; one in another project's zone (a Shared VPC
 * host's, applied by its owners, maybe where the address object is not) holds the address itself, which runnel
 * allocates, so it is known at synth time.
 */
export function buildLoadBalancers(files: TopologyFiles, model: TopologyModel, net: NetworkParts, zone?: PrivateDnsZone): LoadBalancers {
  const behind = model.services.flatMap((s) => (s.loadBalancer ? [{ s, lb: s.loadBalancer }] : []));
  // A load-balanced service's file: its NEG and backend service, its frontend in per-service mode, its DNS record.
  const serviceFile = (s: ServiceModel) => files.of(model.project, `load-balancer-${s.name}.yaml`);
  const kcc = kccScopeOf(model);
  const serviceInOutput = model.delivery.cloudRun === 'config-connector';
  const subnet = () => net.subnets.get('workload');
  const proxyOnlySubnet = () => net.subnets.get('proxyOnly');
  const addRecord = (s: ServiceModel, own: { addressName: string }, address: string | undefined) => {
    if (zone && zone.project === model.project) {
      zone.addRecord(serviceFile(s), 'DnsRecord', { label: s.name, type: 'A', data: own });
    } else if (zone && address !== undefined) {
      zone.addRecord(files.of(zone.project, 'dns.yaml'), `DnsRecord-${s.name}`, { label: s.name, type: 'A', data: { rrdatas: [address] } });
    }
  };
  // Each region's subnets, for the cross-region load balancers' frontends (src/topology/regions.ts).
  const subnetsOf = (region: string) => net.laterRegions.get(region)?.subnets ?? net.subnets;
  const shared = model.loadBalancing.shared;
  if (!shared) {
    // A service in several regions: a cross-region load balancer with a geo record (src/topology/regions.ts).
    const crossRegion = createCrossRegionLoadBalancers(serviceFile, model, kcc, subnetsOf, zone, net.network);
    const perService = new Map<string, InternalLoadBalancer>();
    for (const { s, lb } of behind.filter((x) => !x.lb.crossRegion)) {
      const balancer = new InternalLoadBalancer(serviceFile(s), 'LoadBalancer', {
        service: s.name,
        serviceInOutput,
        subnet: subnet(),
        proxyOnlySubnet: proxyOnlySubnet(),
        address: lb.address,
        http: lb.http,
        https: certificateOf(lb.https),
        hostname: zone ? lb.dnsName : undefined,
        scope: kcc,
      });
      perService.set(s.name, balancer);
      addRecord(s, { addressName: balancer.addressName }, lb.address);
    }
    return new LoadBalancers(perService, undefined, crossRegion);
  }
  // Shared mode: each callee's NEG, backend service and record in its own file (adding a callee adds a file and one
  // host rule); the one URL map, proxies, address and forwarding rules in `load-balancer.yaml`. Shared mode needs
  // dns.domain (rule shared-lb-needs-dns-domain), so every callee has its host name.
  const sharedFile = files.of(model.project, 'load-balancer.yaml');
  // Callees in several regions: the shared cross-region load balancer (src/topology/regions.ts).
  const global = createSharedCrossRegionLoadBalancer(serviceFile, sharedFile, model, kcc, subnetsOf, zone, net.network);
  const crossRegion = new Map(global ? (shared.crossRegion?.services ?? []).map((name) => [name, global] as const) : []);
  const regional = behind.filter(({ lb }) => !lb.crossRegion);
  if (regional.length === 0) return new LoadBalancers(new Map(), undefined, crossRegion);
  const callees = regional.map(({ s, lb }) => {
    const backend = new ServerlessBackend(serviceFile(s), 'Backend', {
      scope: kcc,
      region: model.region,
      service: s.name,
      serviceInOutput,
    });
    addRecord(s, { addressName: sharedLoadBalancerNames(shared.name).address }, shared.address);
    if (lb.dnsName === undefined) throw new Error(`runnel bug: ${s.name} has no host name in shared mode (shared-lb-needs-dns-domain)`);
    return { service: s.name, hostname: lb.dnsName, backendServiceName: backend.backendServiceName };
  });
  const balancer = new SharedInternalLoadBalancer(sharedFile, 'LoadBalancer', {
    name: shared.name,
    callees,
    subnet: subnet(),
    proxyOnlySubnet: proxyOnlySubnet(),
    address: shared.address,
    http: shared.http,
    https: certificateOf(shared.https),
    scope: kcc,
  });
  return new LoadBalancers(new Map(), balancer, crossRegion);
}
