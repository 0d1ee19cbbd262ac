import { Construct } from 'constructs';
import {
  ComputeAddress,
  ComputeBackendService,
  ComputeForwardingRule,
  ComputeTargetHttpProxy,
  ComputeTargetHttpsProxy,
  ComputeUrlMap,
} from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { derivedName } from '../names';
import { containsAddress, isReservedInSubnet, parseCidr } from '../cidr';
import { Subnet, SubnetPurpose } from '../network/subnet';
import { validateName } from '../check/name-check';
import { ServerlessNeg } from './serverless-neg';
import { TlsCertificate } from './tls-certificate';

export interface InternalLoadBalancerProps {
  /** Name of the Cloud Run service behind the load balancer; every resource name derives from it. */
  readonly service: string;
  /**
   * The service is a Config Connector RunService in the same output.
   * @default false
   */
  readonly serviceInOutput?: boolean;
  /** A `PRIVATE` subnet that holds the load balancer's internal address and forwarding rule. */
  readonly subnet: Subnet;
  /**
   * The network's active proxy-only subnet in the same region. Passed in to prove it exists: without it the
   * forwarding rule is rejected, and Config Connector cannot see that dependency.
   * @see https://cloud.google.com/load-balancing/docs/proxy-only-subnets
   */
  readonly proxyOnlySubnet: Subnet;
  /**
   * Where the load balancer's objects are created: on a Shared VPC, the service project, whose frontend takes its
   * address from the host's subnet.
   * @default - the network's scope
   * @see https://cloud.google.com/load-balancing/docs/l7-internal/l7-internal-shared-vpc
   */
  readonly scope?: KccScope;
  /**
   * Static internal address in `subnet`.
   * @default - GCP picks one at apply time, and `url` is unknown at synth time
   */
  readonly address?: string;
  /**
   * Serve HTTPS on port 443 with this certificate.
   * @default - no HTTPS
   * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-internal-serverless#https
   */
  readonly https?: TlsCertificate;
  /**
   * Serve plain HTTP on port 80. At least one of `http` and `https`. Closed by default beside HTTPS, so requests
   * and the ID tokens they carry never cross the network in clear text.
   * @default - true without `https`, false with it
   */
  readonly http?: boolean;
  /**
   * The DNS name callers use (a record pointing at `address`), which `url` then carries.
   * @default - none: `url` carries the address
   */
  readonly hostname?: string;
}

/**
 * A regional internal Application Load Balancer in front of one Cloud Run service:
 * serverless NEG → backend service → URL map → target HTTP proxy ← forwarding rule on an internal address.
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-internal-serverless
 */
export class InternalLoadBalancer extends Construct {
  public readonly neg: ServerlessNeg;
  public readonly address?: string;
  public readonly addressName: string;
  /** The forwarding rules: HTTP (port 80) and/or HTTPS (port 443), on one shared address. */
  public readonly forwardingRules: ComputeForwardingRule[] = [];
  private readonly scheme: 'http' | 'https';
  private readonly http: boolean;
  private readonly hostname?: string;

  constructor(scope: Construct, id: string, props: InternalLoadBalancerProps) {
    super(scope, id);
    const { subnet, proxyOnlySubnet, service } = props;
    const network = subnet.network;
    const kcc = props.scope ?? network.kccScope;
    const region = subnet.region;
    if (subnet.purpose !== SubnetPurpose.PRIVATE) {
      throw new Error(`InternalLoadBalancer ${service}: subnet ${subnet.name} must be PRIVATE, not ${subnet.purpose}`);
    }
    if (proxyOnlySubnet.purpose !== SubnetPurpose.REGIONAL_MANAGED_PROXY) {
      throw new Error(`InternalLoadBalancer ${service}: ${proxyOnlySubnet.name} is not a proxy-only subnet`);
    }
    if (proxyOnlySubnet.network !== network || proxyOnlySubnet.region !== region) {
      throw new Error(`InternalLoadBalancer ${service}: the proxy-only subnet must be in network ${network.name}, region ${region}`);
    }
    this.address = props.address;
    this.hostname = props.hostname;
    const http = props.http ?? !props.https;
    this.http = http;
    if (!http && !props.https) throw new Error(`InternalLoadBalancer ${service}: serves neither HTTP nor HTTPS; set http or https`);
    this.scheme = props.https ? 'https' : 'http';
    if (props.address !== undefined) {
      const range = parseCidr(subnet.cidr);
      const address = props.address;
      this.node.addValidation({
        validate: () =>
          !containsAddress(range, address) || isReservedInSubnet(range, address)
            ? [`address: ${address} is not a usable address of ${subnet.name} (${subnet.cidr})`]
            : [],
      });
    }

    const names = {
      neg: derivedName.neg(service),
      backendService: derivedName.backendService(service),
      urlMap: derivedName.urlMap(service),
      proxy: derivedName.targetProxy(service),
      address: derivedName.address(service),
      forwardingRule: derivedName.forwardingRule(service),
      httpsProxy: derivedName.httpsProxy(service),
      httpsForwardingRule: derivedName.httpsForwardingRule(service),
      certificate: derivedName.sslCertificate(service, props.https?.version),
    };
    this.addressName = names.address;
    validateName(this, 'backendService', names.backendService);
    validateName(this, 'urlMap', names.urlMap);
    validateName(this, 'targetProxy', names.proxy);
    validateName(this, 'address', names.address);
    validateName(this, 'forwardingRule', names.forwardingRule);
    if (props.https) {
      validateName(this, 'targetProxy', names.httpsProxy);
      validateName(this, 'forwardingRule', names.httpsForwardingRule);
      if (props.https.createsCertificate) validateName(this, 'sslCertificate', names.certificate);
    }

    this.neg = new ServerlessNeg(this, 'Neg', { scope: kcc, name: names.neg, region, service, serviceInOutput: props.serviceInOutput });

    new ComputeBackendService(this, 'BackendService', {
      metadata: kccMetadata(names.backendService, kcc),
      spec: {
        location: region,
        // The provider's default is INTERNAL (a passthrough load balancer), never what a proxy needs
        // (magic-modules RegionBackendService.yaml: loadBalancingScheme default_value "INTERNAL").
        loadBalancingScheme: 'INTERNAL_MANAGED',
        // Cloud Run speaks HTTP behind the proxy; the API's default, but the provider leaves it to the API
        // (magic-modules RegionBackendService.yaml: protocol `default_from_api`), so it is written down.
        protocol: 'HTTP',
        // Request logs of the internal load balancer (off unless enabled): the audit trail of who called the service,
        // sampled at 100 %, the provider's default rate (https://cloud.google.com/load-balancing/docs/l7-internal/monitoring).
        logConfig: { enable: true, sampleRate: 1 },
        // Left unset on purpose (https://cloud.google.com/load-balancing/docs/negs/serverless-neg-concepts):
        // - timeoutSec: refused for serverless NEG backends ("Timeout sec is not supported for a backend service with
        //   Serverless network endpoint groups", terraform-google-lb-http #358); Cloud Run's request timeout applies;
        // - healthChecks: serverless NEGs take none;
        // - maxUtilization / maxRate*: refused for serverless NEGs (terraform-google-lb-http #110);
        // - connectionDrainingTimeoutSec: the provider sends 300, which the API accepts for serverless NEG backends
        //   (terraform-google-lb-http #323 sets it on them); sessionAffinity, localityLbPolicy: the API's defaults
        //   (NONE, ROUND_ROBIN) are what a single serverless backend needs, and the provider leaves them to the API.
        // The NEG is referenced by path: see ServerlessNeg.path.
        backend: [
          {
            group: { networkEndpointGroupRef: { external: this.neg.path } },
            // Config Connector builds regional backend services through the Terraform provider, whose default for an
            // omitted balancingMode was CONNECTION (its recorded request sends "balancingMode": "CONNECTION"), which the
            // API refuses for an HTTP backend service; serverless NEGs take only UTILIZATION
            // (https://cloud.google.com/load-balancing/docs/backend-service#balancing-mode). Cloud Foundation Fabric's
            // net-lb-app-int writes both fields for its serverless backends.
            balancingMode: 'UTILIZATION',
            // Required for non-INTERNAL regional backend services (magic-modules RegionBackendService.yaml, capacityScaler):
            // 1 serves the NEG at full capacity; 0 would drain the only backend.
            capacityScaler: 1,
          },
        ],
      },
    });

    new ComputeUrlMap(this, 'UrlMap', {
      metadata: kccMetadata(names.urlMap, kcc),
      spec: {
        location: region,
        defaultService: { backendServiceRef: { name: names.backendService } },
      },
    });

    const rule = (id: string, name: string, port: string, target: Record<string, { name: string }>) =>
      new ComputeForwardingRule(this, id, {
        metadata: kccMetadata(name, kcc),
        spec: {
          location: region,
          loadBalancingScheme: 'INTERNAL_MANAGED',
          ipProtocol: 'TCP',
          portRange: port,
          networkTier: 'PREMIUM',
          networkRef: network.ref,
          // The address and the rule sit in the ordinary subnet, never in the proxy-only one.
          subnetworkRef: subnet.ref,
          ipAddress: { addressRef: { name: names.address } },
          target,
        },
      });

    // Proxies, then the shared address, then one rule per protocol: the order reviewers know from the HTTP-only output.
    if (http) {
      new ComputeTargetHttpProxy(this, 'Proxy', {
        metadata: kccMetadata(names.proxy, kcc),
        spec: { location: region, urlMapRef: { name: names.urlMap } },
      });
    }
    if (props.https) {
      const certificates = props.https._bind(this, names.certificate, kcc, region);
      new ComputeTargetHttpsProxy(this, 'HttpsProxy', {
        metadata: kccMetadata(names.httpsProxy, kcc),
        spec: { location: region, urlMapRef: { name: names.urlMap }, ...certificates },
      });
    }
    new ComputeAddress(this, 'Address', {
      metadata: kccMetadata(names.address, kcc),
      spec: {
        location: region,
        addressType: 'INTERNAL',
        // Shareable, so an HTTPS forwarding rule can later serve on the same address as the HTTP one.
        purpose: 'SHARED_LOADBALANCER_VIP',
        subnetworkRef: subnet.ref,
        ...(props.address !== undefined ? { address: props.address } : {}),
      },
    });

    if (http) this.forwardingRules.push(rule('ForwardingRule', names.forwardingRule, '80', { targetHttpProxyRef: { name: names.proxy } }));
    if (props.https) {
      this.forwardingRules.push(
        rule('HttpsForwardingRule', names.httpsForwardingRule, '443', { targetHttpsProxyRef: { name: names.httpsProxy } }),
      );
    }
  }

  /**
   * Every URL the load balancer answers on (HTTPS first), when the host is known at synth time: the service's
   * custom audiences, since a caller mints its ID token for the URL it calls, whichever listener that is.
   * @see https://cloud.google.com/run/docs/configuring/custom-audiences
   */
  public get urls(): string[] {
    const host = this.hostname ?? this.address;
    if (host === undefined) return [];
    return [...(this.scheme === 'https' ? [`https://${host}`] : []), ...(this.http ? [`http://${host}`] : [])];
  }

  /** The URL callers use (HTTPS when served), when the host is known at synth time. */
  public get url(): string | undefined {
    const host = this.hostname ?? this.address;
    return host === undefined ? undefined : `${this.scheme}://${host}`;
  }
}
