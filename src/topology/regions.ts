import { Construct } from 'constructs';
import { CloudNat } from '../nat/cloud-nat';
import { GeoItem } from '../dns/dns-record';
import { PrivateDnsZone } from '../dns/private-zone';
import { CrossRegionServerlessBackend } from '../lb/cross-region-backend';
import { CrossRegionInternalLoadBalancer } from '../lb/cross-region-internal-lb';
import { TlsCertificate } from '../lb/tls-certificate';
import { KccScope } from '../kcc';
import { derivedName, inRegion, outputPath, sharedLoadBalancerNames, SubnetRole } from '../names';
import { Network } from '../network/network';
import { Subnet, SubnetPurpose } from '../network/subnet';
import { IVpcConnector, VpcConnector } from '../serverless/vpc-connector';
import { RegionModel, ServiceModel, SubnetModel, TopologyModel } from '../model/model';
import { Subnets } from './subnets';

/*
 * The builder steps of a topology in several regions (`regions`): each later region's subnets, connector and NAT, the
 * cross-region internal Application Load Balancer of each service running in several regions with its geo DNS record,
 * and where each region's copy of a service goes. The first region's objects are the one-region topology's, built as
 * before; everything here is empty for a one-region topology.
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless
 */

/** The purpose of the subnet of `role`. */
export function subnetPurposeOf(role: SubnetRole): SubnetPurpose {
  if (role === 'proxyOnly') return SubnetPurpose.REGIONAL_MANAGED_PROXY;
  if (role === 'globalProxyOnly') return SubnetPurpose.GLOBAL_MANAGED_PROXY;
  return SubnetPurpose.PRIVATE;
}

/** One region's subnets and connector, as the builder steps made them. */
export interface RegionNetwork {
  readonly region: RegionModel;
  readonly subnets: Subnets;
  readonly connector?: IVpcConnector;
}

/** A new subnet of the model's network from its model. */
export function createSubnet(scope: Construct, id: string, network: Network, region: string, s: SubnetModel): Subnet {
  const purpose = subnetPurposeOf(s.role);
  return new Subnet(scope, id, {
    network,
    name: s.name,
    region,
    cidr: s.cidr,
    purpose,
    privateGoogleAccess: purpose === SubnetPurpose.PRIVATE ? s.privateGoogleAccess : undefined,
  });
}

/**
 * The subnets, connector and Cloud NAT of each region after the first, in the network's file beside the first
 * region's (multi-region-scope keeps several regions to a network runnel creates). Construct ids end in the region, so
 * a later region's objects never take the first region's ids.
 */
export function createLaterRegionNetworks(chart: Construct, model: TopologyModel, network: Network): Map<string, RegionNetwork> {
  const result = new Map<string, RegionNetwork>();
  for (const r of model.regions.filter((x) => !x.primary)) {
    const byRole = new Map<SubnetRole, Subnet>();
    for (const s of Object.values(r.subnets).filter((x) => x.needed)) {
      byRole.set(s.role, createSubnet(chart, `Subnet-${s.role}-${r.name}`, network, r.name, s));
    }
    const subnets = new Subnets(byRole);
    const connectorSubnet = byRole.get('connector');
    const connector = connectorSubnet
      ? new VpcConnector(chart, `Connector-${r.name}`, {
          name: r.connectorName,
          subnet: connectorSubnet,
          minInstances: model.connector.minInstances,
          maxInstances: model.connector.maxInstances,
          machineType: model.connector.machineType,
          project: model.project,
        })
      : undefined;
    if (r.natSubnets.length > 0) {
      new CloudNat(chart, `Nat-${r.name}`, {
        network,
        region: r.name,
        routerName: r.routerName,
        natName: r.natName,
        subnets: r.natSubnets.map((role) => subnets.get(role)),
      });
    }
    result.set(r.name, { region: r, subnets, ...(connector ? { connector } : {}) });
  }
  return result;
}

/** Where one region's copy of a service goes. */
export interface ServiceCopy {
  readonly region: string;
  readonly primary: boolean;
  /** Its Config Connector RunService's `metadata.name`: the service's name in the first region, `<name>-<region>` after. */
  readonly objectName: string;
  /** Its file: `cloud-run/<name>.yaml` in the first region, `cloud-run/<region>/<name>.yaml` after (Knative). */
  readonly outputPath: string;
  /** Its invoker policy's file (Knative): `cloud-run-iam/<name>.yaml`, or `cloud-run-iam/<region>/<name>.yaml`. */
  readonly iamOutputPath: string;
  /** Construct id suffix: empty in the first region, so one-region ids stay as they were. */
  readonly idSuffix: string;
}

/** Each region's copy of a service, in the topology's region order. */
export function serviceCopies(model: TopologyModel, s: ServiceModel): ServiceCopy[] {
  const kcc = model.delivery.cloudRun === 'config-connector';
  return s.regions.map((region) => {
    const primary = region === model.region;
    const objectName = inRegion(s.name, region, primary);
    return {
      region,
      primary,
      objectName,
      outputPath: kcc ? outputPath.configConnectorService(objectName) : outputPath.knativeService(primary ? s.name : `${region}/${s.name}`),
      iamOutputPath: outputPath.invokerPolicy(primary ? s.name : `${region}/${s.name}`),
      idSuffix: primary ? '' : `-${region}`,
    };
  });
}

/** A callee's global backend service with one serverless NEG per region it runs in, each on that region's copy. */
function crossRegionBackend(file: Construct, model: TopologyModel, kcc: KccScope, s: ServiceModel): CrossRegionServerlessBackend {
  const inOutput = model.delivery.cloudRun === 'config-connector';
  return new CrossRegionServerlessBackend(file, 'Backend', {
    scope: kcc,
    service: s.name,
    regions: serviceCopies(model, s).map((c) => ({
      region: c.region,
      primary: c.primary,
      ...(inOutput ? { runServiceObject: c.objectName } : {}),
    })),
  });
}

/** A cross-region load balancer's frontend in each of `frontends`' regions, on that region's subnets. */
function frontendsIn(
  frontends: readonly { readonly region: string; readonly address?: string }[],
  model: TopologyModel,
  subnetsOf: (region: string) => Subnets,
) {
  return frontends.map((f) => {
    const subnets = subnetsOf(f.region);
    return {
      subnet: subnets.get('workload'),
      proxyOnlySubnet: subnets.get('globalProxyOnly'),
      primary: f.region === model.region,
      ...(f.address !== undefined ? { address: f.address } : {}),
    };
  });
}

/** The geo items of a callee's record: each of its regions answered with the frontend there, on every port served. */
function geoItems(balancer: CrossRegionInternalLoadBalancer, regions: readonly string[], network: Network, kcc: KccScope): GeoItem[] {
  return balancer.frontends
    .filter((f) => regions.includes(f.region))
    .map((f) => ({
      location: f.region,
      frontends: balancer.ports.map((port) => ({
        addressName: f.addressName,
        port,
        loadBalancerType: 'globalL7ilb' as const,
        network: network.ref,
        project: kcc.project,
      })),
    }));
}

/**
 * Each service running in several regions behind its own cross-region internal Application Load Balancer, in
 * `load-balancer-<service>.yaml`: one serverless NEG per region on one global backend service with outlier detection,
 * a global URL map and proxies, and per region an address and forwarding rules in that region's subnets; and its
 * private DNS record, answering each region's callers with that region's frontend (geolocation routing, health
 * checked). Returns the load balancers by service.
 */
export function createCrossRegionLoadBalancers(
  fileOf: (s: ServiceModel) => Construct,
  model: TopologyModel,
  kcc: KccScope,
  subnetsOf: (region: string) => Subnets,
  zone: PrivateDnsZone | undefined,
  network: Network,
): Map<string, CrossRegionInternalLoadBalancer> {
  const result = new Map<string, CrossRegionInternalLoadBalancer>();
  for (const [s, lb] of model.services.flatMap((x) => (x.loadBalancer?.crossRegion ? [[x, x.loadBalancer] as const] : []))) {
    const chart = fileOf(s);
    const backend = crossRegionBackend(chart, model, kcc, s);
    const https = lb.https?.certificateManagerCertificate
      ? TlsCertificate.fromCertificateManager(lb.https.certificateManagerCertificate)
      : undefined;
    const balancer = new CrossRegionInternalLoadBalancer(chart, 'LoadBalancer', {
      name: s.name,
      callees: [{ service: s.name, hostname: zone ? lb.dnsName : undefined, backendServiceName: backend.backendServiceName }],
      frontends: frontendsIn(lb.frontends, model, subnetsOf),
      http: lb.http,
      https,
      scope: kcc,
    });
    result.set(s.name, balancer);
    if (zone) {
      // One item per region the service runs in, answering with that region's frontend on each port it serves.
      zone.addRecord(chart, 'DnsRecord', { label: s.name, type: 'A', data: { geo: geoItems(balancer, s.regions, network, kcc) } });
    }
  }
  return result;
}

/** The names of a cross-region load balancer's per-region objects, for messages and the diagram. */
export function crossRegionFrontendNames(service: string, region: string, primary: boolean) {
  return {
    neg: inRegion(derivedName.neg(service), region, primary),
    address: inRegion(derivedName.address(service), region, primary),
    forwardingRule: inRegion(derivedName.forwardingRule(service), region, primary),
  };
}

/**
 * Shared mode with several regions: the callees running in several regions behind one shared cross-region internal
 * Application Load Balancer (`<name>-global-*`, in `load-balancer.yaml`): each callee's NEGs and global backend service in
 * its own file with its geo record, and one global URL map with a host rule per callee, global proxies, and a frontend
 * per region. Returns it, or undefined when no callee runs in several regions.
 */
export function createSharedCrossRegionLoadBalancer(
  fileOf: (s: ServiceModel) => Construct,
  sharedFile: Construct,
  model: TopologyModel,
  kcc: KccScope,
  subnetsOf: (region: string) => Subnets,
  zone: PrivateDnsZone | undefined,
  network: Network,
): CrossRegionInternalLoadBalancer | undefined {
  const shared = model.loadBalancing.shared;
  const cross = shared?.crossRegion;
  if (!shared || !cross) return undefined;
  const names = sharedLoadBalancerNames(cross.name);
  const callees = model.services
    .filter((s) => cross.services.includes(s.name))
    .map((s) => {
      const backend = crossRegionBackend(fileOf(s), model, kcc, s);
      // Shared mode needs dns.domain (shared-lb-needs-dns-domain): every callee has its host.
      const hostname = s.loadBalancer?.dnsName;
      if (hostname === undefined) throw new Error(`runnel bug: ${s.name} has no host name in shared mode (shared-lb-needs-dns-domain)`);
      return { s, service: s.name, hostname, backendServiceName: backend.backendServiceName };
    });
  const https = shared.https?.certificateManagerCertificate
    ? TlsCertificate.fromCertificateManager(shared.https.certificateManagerCertificate)
    : undefined;
  const balancer = new CrossRegionInternalLoadBalancer(sharedFile, 'CrossRegionLoadBalancer', {
    name: cross.name,
    callees: callees.map(({ service, hostname, backendServiceName }) => ({ service, hostname, backendServiceName })),
    frontends: frontendsIn(cross.frontends, model, subnetsOf),
    http: shared.http,
    https,
    scope: kcc,
    frontendNames: { address: names.address, forwardingRule: names.forwardingRule, httpsForwardingRule: names.httpsForwardingRule },
  });
  if (zone) {
    for (const { s } of callees) {
      // Each callee's name answers each of its regions with the shared frontend there.
      zone.addRecord(fileOf(s), 'DnsRecord', { label: s.name, type: 'A', data: { geo: geoItems(balancer, s.regions, network, kcc) } });
    }
  }
  return balancer;
}
