import { Construct } from 'constructs';
import { ComputeForwardingRule, ComputeUrlMap } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { derivedName } from '../names';
import { Subnet } from '../network/subnet';
import { validateName } from '../check/name-check';
import { ServerlessNeg } from './serverless-neg';
import { addServerlessBackend } from './serverless-backend';
import { TlsCertificate } from './tls-certificate';
import { addFrontend, checkFrontend, Frontend, frontendUrls } from './frontend';

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
  public readonly forwardingRules: ComputeForwardingRule[];
  private readonly frontend: Frontend;
  private readonly hostname?: string;

  constructor(scope: Construct, id: string, props: InternalLoadBalancerProps) {
    super(scope, id);
    const { subnet, service } = props;
    const kcc = props.scope ?? subnet.network.kccScope;
    const region = subnet.region;
    const owner = `InternalLoadBalancer ${service}`;
    const names = {
      urlMap: derivedName.urlMap(service),
      proxy: derivedName.targetProxy(service),
      address: derivedName.address(service),
      forwardingRule: derivedName.forwardingRule(service),
      httpsProxy: derivedName.httpsProxy(service),
      httpsForwardingRule: derivedName.httpsForwardingRule(service),
      certificate: derivedName.sslCertificate(service, props.https?.version),
    };
    const frontendProps = { ...props, owner, names };
    checkFrontend(frontendProps);
    this.address = props.address;
    this.hostname = props.hostname;
    this.addressName = names.address;
    validateName(this, 'urlMap', names.urlMap);

    this.neg = addServerlessBackend(this, { scope: kcc, region, service, serviceInOutput: props.serviceInOutput });
    new ComputeUrlMap(this, 'UrlMap', {
      metadata: kccMetadata(names.urlMap, kcc),
      spec: {
        location: region,
        defaultService: { backendServiceRef: { name: derivedName.backendService(service) } },
      },
    });
    this.frontend = addFrontend(this, frontendProps);
    this.forwardingRules = this.frontend.forwardingRules;
  }

  /**
   * Every URL the load balancer answers on (HTTPS first), when the host is known at synth time: the service's
   * custom audiences, since a caller mints its ID token for the URL it calls, whichever listener that is.
   * @see https://cloud.google.com/run/docs/configuring/custom-audiences
   */
  public get urls(): string[] {
    return frontendUrls(this.frontend, this.hostname ?? this.address);
  }

  /** The URL callers use (HTTPS when served), when the host is known at synth time. */
  public get url(): string | undefined {
    const host = this.hostname ?? this.address;
    return host === undefined ? undefined : `${this.frontend.scheme}://${host}`;
  }
}
