import { Construct } from 'constructs';
import { ComputeForwardingRule, ComputeUrlMap } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { sharedLoadBalancerNames } from '../names';
import { Subnet } from '../network/subnet';
import { validateName } from '../check/name-check';
import { TlsCertificate } from './tls-certificate';
import { addFrontend, checkFrontend, Frontend, frontendUrls } from './frontend';

/** One service behind the shared load balancer. */
export interface SharedCallee {
  /** Name of the Cloud Run service; also the name of its path matcher. */
  readonly service: string;
  /** The host callers use for it (`<service>.<domain>`): its host rule. */
  readonly hostname: string;
  /** Name of its backend service (see `ServerlessBackend`), in the same namespace. */
  readonly backendServiceName: string;
}

export interface SharedInternalLoadBalancerProps {
  /** Stem of the load balancer's own objects' names (`<name>-urlmap`, `<name>-proxy`, `<name>-ip`...). */
  readonly name: string;
  /** The services behind it, at least one: one host rule each. */
  readonly callees: readonly SharedCallee[];
  /** A `PRIVATE` subnet that holds the internal address and the forwarding rules. */
  readonly subnet: Subnet;
  /**
   * The network's active proxy-only subnet in the same region (see `InternalLoadBalancerProps.proxyOnlySubnet`).
   * @see https://cloud.google.com/load-balancing/docs/proxy-only-subnets
   */
  readonly proxyOnlySubnet: Subnet;
  /**
   * Where the load balancer's objects are created: on a Shared VPC, the service project.
   * @default - the network's scope
   * @see https://cloud.google.com/load-balancing/docs/l7-internal/l7-internal-shared-vpc
   */
  readonly scope?: KccScope;
  /**
   * Static internal address in `subnet`.
   * @default - GCP picks one at apply time
   */
  readonly address?: string;
  /**
   * Serve HTTPS on port 443 with this certificate, which must name every callee's host: a wildcard `*.<domain>`
   * certificate does (a wildcard covers exactly one label, which `<service>.<domain>` has).
   * @default - no HTTPS
   * @see https://cloud.google.com/load-balancing/docs/ssl-certificates#certificate-types
   */
  readonly https?: TlsCertificate;
  /**
   * Serve plain HTTP on port 80. Closed by default beside HTTPS.
   * @default - true without `https`, false with it
   */
  readonly http?: boolean;
}

/**
 * One regional internal Application Load Balancer in front of many Cloud Run services: a URL map with a host rule
 * per service (its DNS name → a path matcher whose default service is the service's backend service), one target
 * proxy per protocol, one internal address and one forwarding rule per port, whatever the number of services. The
 * shape of Cloud Foundation Fabric's net-lb-app-int `urlmap_config` (`host_rules` → `path_matchers` →
 * `default_service`). The services' NEGs and backend services are `ServerlessBackend`s of their own.
 * @see https://cloud.google.com/load-balancing/docs/url-map-concepts
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-internal-serverless
 */
export class SharedInternalLoadBalancer extends Construct {
  public readonly addressName: string;
  public readonly urlMapName: string;
  /** The forwarding rules: HTTP (port 80) and/or HTTPS (port 443), on one address. */
  public readonly forwardingRules: ComputeForwardingRule[];
  private readonly frontend: Frontend;
  private readonly hosts = new Map<string, string>();

  constructor(scope: Construct, id: string, props: SharedInternalLoadBalancerProps) {
    super(scope, id);
    const { subnet, name } = props;
    const kcc = props.scope ?? subnet.network.kccScope;
    const region = subnet.region;
    const owner = `SharedInternalLoadBalancer ${name}`;
    const names = sharedLoadBalancerNames(name, props.https?.version);
    const frontendProps = { ...props, owner, names };
    checkFrontend(frontendProps);
    if (props.callees.length === 0) throw new Error(`${owner}: no service behind it`);
    // Host rules in name order, so reordering the topology file changes nothing.
    const callees = [...props.callees].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
    const hostOwner = new Map<string, string>();
    for (const c of callees) {
      if (this.hosts.has(c.service)) throw new Error(`${owner}: service ${c.service} is listed twice`);
      const other = hostOwner.get(c.hostname);
      if (other !== undefined) throw new Error(`${owner}: ${c.service} and ${other} share the host ${c.hostname}`);
      hostOwner.set(c.hostname, c.service);
      this.hosts.set(c.service, c.hostname);
    }
    this.addressName = names.address;
    this.urlMapName = names.urlMap;
    validateName(this, 'urlMap', names.urlMap);

    new ComputeUrlMap(this, 'UrlMap', {
      metadata: kccMetadata(names.urlMap, kcc),
      spec: {
        location: region,
        // A regional URL map needs a default for requests no host rule matches (by address, or an unknown name): a
        // backend service, or a redirect (ComputeURLMap CRD: defaultService, defaultUrlRedirect). A serverless
        // backend cannot answer 404 on its own and a redirect to one callee's host would only hide the mistake, so
        // the first service by name is the default, as Fabric's net-lb-app-int takes a backend service as its
        // `default_service`. Nothing is opened by it: that service still accepts only ID tokens minted for its own
        // URLs (custom audiences) from its invokers.
        defaultService: { backendServiceRef: { name: callees[0].backendServiceName } },
        hostRule: callees.map((c) => ({ hosts: [c.hostname], pathMatcher: c.service })),
        pathMatcher: callees.map((c) => ({ name: c.service, defaultService: { backendServiceRef: { name: c.backendServiceName } } })),
      },
    });
    this.frontend = addFrontend(this, frontendProps);
    this.forwardingRules = this.frontend.forwardingRules;
  }

  /** The URL callers use for `service` (HTTPS when served), or undefined when it is not behind this load balancer. */
  public urlOf(service: string): string | undefined {
    const host = this.hosts.get(service);
    return host === undefined ? undefined : `${this.frontend.scheme}://${host}`;
  }

  /**
   * Every URL `service` is answered on (HTTPS first): its custom audiences.
   * @see https://cloud.google.com/run/docs/configuring/custom-audiences
   */
  public urlsOf(service: string): string[] {
    return frontendUrls(this.frontend, this.hosts.get(service));
  }
}
