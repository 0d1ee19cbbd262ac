import { Construct } from 'constructs';
import {
  ComputeAddress,
  ComputeForwardingRule,
  ComputeTargetHttpProxy,
  ComputeTargetHttpsProxy,
  ComputeUrlMap,
} from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { containsAddress, isReservedInSubnet, parseCidr } from '../cidr';
import { derivedName, inRegion } from '../names';
import { Subnet, SubnetPurpose } from '../network/subnet';
import { validateName } from '../check/name-check';
import { TlsCertificate } from './tls-certificate';
import { frontendUrls } from './frontend';

/** A service behind a cross-region internal Application Load Balancer. */
export interface CrossRegionCallee {
  /** Name of the Cloud Run service; the name of its path matcher when there are several callees. */
  readonly service: string;
  /** The host callers use for it (`<service>.<domain>`): its host rule, and its URLs. */
  readonly hostname?: string;
  /** Name of its global backend service (see `CrossRegionServerlessBackend`). */
  readonly backendServiceName: string;
}

/** The load balancer's frontend in one region: its address and forwarding rules, in that region's subnets. */
export interface CrossRegionFrontend {
  /** A `PRIVATE` subnet of the region: it holds the address and the forwarding rules. */
  readonly subnet: Subnet;
  /**
   * The network's active `GLOBAL_MANAGED_PROXY` subnet in the same region, where the proxies of this region run.
   * @see https://cloud.google.com/load-balancing/docs/proxy-only-subnets
   */
  readonly proxyOnlySubnet: Subnet;
  /** The topology's first region: the address and rules keep the one-region names. */
  readonly primary: boolean;
  /**
   * Static internal address in `subnet`.
   * @default - GCP picks one at apply time
   */
  readonly address?: string;
}

export interface CrossRegionInternalLoadBalancerProps {
  /** Stem of the global objects' names (`<name>-urlmap`, `<name>-proxy`) and of the per-region ones (`<name>-ilb-ip`...). */
  readonly name: string;
  /**
   * The services behind it: one is the URL map's default service; several get a host rule each (a shared load
   * balancer), and then each needs `hostname`.
   */
  readonly callees: readonly CrossRegionCallee[];
  /** One frontend per region callers are in, at least one. */
  readonly frontends: readonly CrossRegionFrontend[];
  /** @default - the network's scope */
  readonly scope?: KccScope;
  /**
   * Serve HTTPS on port 443: a global Certificate Manager certificate (`TlsCertificate.fromCertificateManager`), the
   * only kind a cross-region internal Application Load Balancer's target proxy takes.
   * @default - no HTTPS
   * @see https://cloud.google.com/certificate-manager/docs/overview#supported-load-balancers
   */
  readonly https?: TlsCertificate;
  /** @default - true without `https`, false with it */
  readonly http?: boolean;
  /**
   * Names of the per-region address and forwarding rules: `address` and `forwardingRule`/`httpsForwardingRule` in
   * the first region, with `-<region>` in later ones.
   * @default - derived from `name` as a per-service load balancer's are (`<name>-ilb-ip`, `<name>-http`, `<name>-https`)
   */
  readonly frontendNames?: { readonly address: string; readonly forwardingRule: string; readonly httpsForwardingRule: string };
}

/** What one region's frontend became. */
export interface CrossRegionFrontendResult {
  readonly region: string;
  /** Name of its ComputeAddress. */
  readonly addressName: string;
  /** Its forwarding rules: HTTP (port 80) and/or HTTPS (port 443). */
  readonly forwardingRules: ComputeForwardingRule[];
}

/**
 * A cross-region internal Application Load Balancer in front of Cloud Run services running in several regions: a
 * global URL map and global target proxies, and in each region an internal address in that region's subnet with one
 * global forwarding rule per port. Callers reach the frontend of their own region (private DNS answers each region
 * with its own address, see `DnsRecord`'s geo data); its proxies prefer the NEG of their region and fail over to
 * another by outlier detection (`CrossRegionServerlessBackend`).
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless
 */
export class CrossRegionInternalLoadBalancer extends Construct {
  public readonly urlMapName: string;
  public readonly frontends: readonly CrossRegionFrontendResult[];
  public readonly scheme: 'http' | 'https';
  public readonly http: boolean;
  private readonly hosts = new Map<string, string | undefined>();

  constructor(scope: Construct, id: string, props: CrossRegionInternalLoadBalancerProps) {
    super(scope, id);
    const owner = `CrossRegionInternalLoadBalancer ${props.name}`;
    if (props.callees.length === 0) throw new Error(`${owner}: no service behind it`);
    if (props.frontends.length === 0) throw new Error(`${owner}: no frontend`);
    const network = props.frontends[0].subnet.network;
    const regions = new Set<string>();
    for (const f of props.frontends) {
      if (f.subnet.purpose !== SubnetPurpose.PRIVATE) throw new Error(`${owner}: subnet ${f.subnet.name} must be PRIVATE`);
      if (f.proxyOnlySubnet.purpose !== SubnetPurpose.GLOBAL_MANAGED_PROXY) {
        throw new Error(`${owner}: ${f.proxyOnlySubnet.name} is not a GLOBAL_MANAGED_PROXY proxy-only subnet`);
      }
      if (f.subnet.network !== network || f.proxyOnlySubnet.network !== network || f.proxyOnlySubnet.region !== f.subnet.region) {
        throw new Error(`${owner}: each frontend's subnets must be in network ${network.name}, in one region`);
      }
      if (regions.has(f.subnet.region)) throw new Error(`${owner}: two frontends in ${f.subnet.region}`);
      regions.add(f.subnet.region);
    }
    if (props.https && !props.https.isCertificateManager) {
      // The target proxy of a cross-region internal Application Load Balancer takes Certificate Manager certificates
      // only (https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless).
      throw new Error(`${owner}: HTTPS needs a global Certificate Manager certificate`);
    }
    const http = props.http ?? !props.https;
    if (!http && !props.https) throw new Error(`${owner}: serves neither HTTP nor HTTPS; set http or https`);
    this.http = http;
    this.scheme = props.https ? 'https' : 'http';
    const kcc = props.scope ?? network.kccScope;
    const callees = [...props.callees].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
    for (const c of callees) {
      if (this.hosts.has(c.service)) throw new Error(`${owner}: service ${c.service} is listed twice`);
      if (callees.length > 1 && c.hostname === undefined) throw new Error(`${owner}: ${c.service} needs a hostname beside other services`);
      this.hosts.set(c.service, c.hostname);
    }

    const name = props.name;
    this.urlMapName = derivedName.urlMap(name);
    const proxyName = derivedName.targetProxy(name);
    const httpsProxyName = derivedName.httpsProxy(name);
    validateName(this, 'urlMap', this.urlMapName);
    new ComputeUrlMap(this, 'UrlMap', {
      metadata: kccMetadata(this.urlMapName, kcc),
      spec: {
        // A global URL map, as the cross-region guide creates (`gcloud compute url-maps create --global`).
        location: 'global',
        // The first service by name is the default, as on the shared regional load balancer (see SharedInternalLoadBalancer).
        defaultService: { backendServiceRef: { name: callees[0].backendServiceName } },
        ...(callees.length > 1
          ? {
              hostRule: callees.map((c) => ({ hosts: [c.hostname!], pathMatcher: c.service })),
              pathMatcher: callees.map((c) => ({
                name: c.service,
                defaultService: { backendServiceRef: { name: c.backendServiceName } },
              })),
            }
          : {}),
      },
    });
    if (http) {
      validateName(this, 'targetProxy', proxyName);
      new ComputeTargetHttpProxy(this, 'Proxy', {
        metadata: kccMetadata(proxyName, kcc),
        spec: { location: 'global', urlMapRef: { name: this.urlMapName } },
      });
    }
    if (props.https) {
      validateName(this, 'targetProxy', httpsProxyName);
      // A global certificate: `projects/<p>/locations/global/certificates/<name>`.
      const certificates = props.https._bind(this, derivedName.sslCertificate(name), kcc, 'global');
      new ComputeTargetHttpsProxy(this, 'HttpsProxy', {
        metadata: kccMetadata(httpsProxyName, kcc),
        spec: { location: 'global', urlMapRef: { name: this.urlMapName }, ...certificates },
      });
    }

    const names = props.frontendNames ?? {
      address: derivedName.address(name),
      forwardingRule: derivedName.forwardingRule(name),
      httpsForwardingRule: derivedName.httpsForwardingRule(name),
    };
    this.frontends = props.frontends.map((f) => {
      const region = f.subnet.region;
      const addressName = inRegion(names.address, region, f.primary);
      validateName(this, 'address', addressName);
      if (f.address !== undefined) {
        const range = parseCidr(f.subnet.cidr);
        const address = f.address;
        this.node.addValidation({
          validate: () =>
            !containsAddress(range, address) || isReservedInSubnet(range, address)
              ? [`address: ${address} is not a usable address of ${f.subnet.name} (${f.subnet.cidr})`]
              : [],
        });
      }
      // An internal address is a regional resource in the region's subnet; each region's global forwarding rule takes
      // its own (Cloud Foundation Fabric's net-lb-app-int-cross-region: one `ip_address` per region's subnetwork).
      new ComputeAddress(this, `Address-${region}`, {
        metadata: kccMetadata(addressName, kcc),
        spec: {
          location: region,
          addressType: 'INTERNAL',
          // Shareable, so the HTTP and HTTPS forwarding rules of the region serve on the one address.
          purpose: 'SHARED_LOADBALANCER_VIP',
          subnetworkRef: f.subnet.ref,
          ...(f.address !== undefined ? { address: f.address } : {}),
        },
      });
      const rule = (ruleId: string, ruleName: string, port: string, target: Record<string, { name: string }>) => {
        validateName(this, 'forwardingRule', ruleName);
        return new ComputeForwardingRule(this, ruleId, {
          metadata: kccMetadata(ruleName, kcc),
          spec: {
            // A global forwarding rule in one region's subnet (`gcloud compute forwarding-rules create --global
            // --subnet=SUBNET_A --subnet-region=REGION_A`, in the guide above): its address is reachable from every
            // region, and the proxies of its own region serve it.
            location: 'global',
            loadBalancingScheme: 'INTERNAL_MANAGED',
            ipProtocol: 'TCP',
            portRange: port,
            networkRef: network.ref,
            subnetworkRef: f.subnet.ref,
            ipAddress: { addressRef: { name: addressName } },
            target,
          },
        });
      };
      const forwardingRules: ComputeForwardingRule[] = [];
      if (http) {
        forwardingRules.push(
          rule(`ForwardingRule-${region}`, inRegion(names.forwardingRule, region, f.primary), '80', {
            targetHttpProxyRef: { name: proxyName },
          }),
        );
      }
      if (props.https) {
        forwardingRules.push(
          rule(`HttpsForwardingRule-${region}`, inRegion(names.httpsForwardingRule, region, f.primary), '443', {
            targetHttpsProxyRef: { name: httpsProxyName },
          }),
        );
      }
      return { region, addressName, forwardingRules };
    });
  }

  /** The URL callers use for `service` (HTTPS when served), or undefined without a host for it. */
  public urlOf(service: string): string | undefined {
    const host = this.hosts.get(service);
    return host === undefined ? undefined : `${this.scheme}://${host}`;
  }

  /** Every URL `service` is answered on (HTTPS first): its custom audiences. */
  public urlsOf(service: string): string[] {
    return frontendUrls(this, this.hosts.get(service));
  }

  /** The ports the frontends listen on, as DNS health-checked targets name them. */
  public get ports(): string[] {
    return [...(this.scheme === 'https' ? ['443'] : []), ...(this.http ? ['80'] : [])];
  }
}
