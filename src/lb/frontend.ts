import { Construct } from 'constructs';
import {
  ComputeAddress,
  ComputeForwardingRule,
  ComputeTargetHttpProxy,
  ComputeTargetHttpsProxy,
} from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { Subnet, SubnetPurpose } from '../network/subnet';
import { validateName } from '../check/name-check';
import { lbAddressProblem, lbProtocolProblem } from '../model/lb-checks';
import { TlsCertificate } from './tls-certificate';

/** Names of a frontend's objects. */
export interface FrontendNames {
  readonly urlMap: string;
  readonly proxy: string;
  readonly httpsProxy: string;
  readonly address: string;
  readonly forwardingRule: string;
  readonly httpsForwardingRule: string;
  readonly certificate: string;
}

export interface FrontendProps {
  /** Who the frontend belongs to, in errors (`InternalLoadBalancer api`). */
  readonly owner: string;
  readonly names: FrontendNames;
  readonly subnet: Subnet;
  readonly proxyOnlySubnet: Subnet;
  /**
   * Where the objects are created (on a Shared VPC, the service project).
   * @default - the network's scope
   */
  readonly scope?: KccScope;
  readonly address?: string;
  readonly https?: TlsCertificate;
  /** @default - true without `https`, false with it */
  readonly http?: boolean;
}

/** What `addFrontend` decided. */
export interface Frontend {
  readonly http: boolean;
  readonly scheme: 'http' | 'https';
  readonly forwardingRules: ComputeForwardingRule[];
}

/** The subnets and protocols a frontend needs, checked before anything is created. @internal */
export function checkFrontend(props: FrontendProps): { http: boolean } {
  const { subnet, proxyOnlySubnet, owner } = props;
  const network = subnet.network;
  if (subnet.purpose !== SubnetPurpose.PRIVATE) {
    throw new Error(`${owner}: subnet ${subnet.name} must be PRIVATE, not ${subnet.purpose}`);
  }
  if (proxyOnlySubnet.purpose !== SubnetPurpose.REGIONAL_MANAGED_PROXY) {
    throw new Error(`${owner}: ${proxyOnlySubnet.name} is not a proxy-only subnet`);
  }
  if (proxyOnlySubnet.network !== network || proxyOnlySubnet.region !== subnet.region) {
    throw new Error(`${owner}: the proxy-only subnet must be in network ${network.name}, region ${subnet.region}`);
  }
  const http = props.http ?? !props.https;
  const serves = lbProtocolProblem(http, props.https !== undefined);
  if (serves) throw new Error(`${owner}: ${serves}; set http or https`);
  return { http };
}

/**
 * The listening half of a regional internal Application Load Balancer, created directly in `scope` after its URL
 * map: target HTTP and/or HTTPS proxies on `names.urlMap`, the internal address, and one forwarding rule per port
 * (80, 443) on that one address.
 * @internal
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-internal-serverless
 */
export function addFrontend(scope: Construct, props: FrontendProps): Frontend {
  const { subnet, names } = props;
  const { http } = checkFrontend(props);
  const network = subnet.network;
  const kcc = props.scope ?? network.kccScope;
  const region = subnet.region;
  if (props.address !== undefined) {
    const unusable = lbAddressProblem(props.address, subnet);
    scope.node.addValidation({ validate: () => (unusable ? [`address: ${unusable.message}`] : []) });
  }
  validateName(scope, 'targetProxy', names.proxy);
  validateName(scope, 'address', names.address);
  validateName(scope, 'forwardingRule', names.forwardingRule);
  if (props.https) {
    validateName(scope, 'targetProxy', names.httpsProxy);
    validateName(scope, 'forwardingRule', names.httpsForwardingRule);
    if (props.https.createsCertificate) validateName(scope, 'sslCertificate', names.certificate);
  }

  const rule = (id: string, name: string, port: string, target: Record<string, { name: string }>) =>
    new ComputeForwardingRule(scope, id, {
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
    new ComputeTargetHttpProxy(scope, 'Proxy', {
      metadata: kccMetadata(names.proxy, kcc),
      spec: { location: region, urlMapRef: { name: names.urlMap } },
    });
  }
  if (props.https) {
    const certificates = props.https._bind(scope, names.certificate, kcc, region);
    new ComputeTargetHttpsProxy(scope, 'HttpsProxy', {
      metadata: kccMetadata(names.httpsProxy, kcc),
      spec: { location: region, urlMapRef: { name: names.urlMap }, ...certificates },
    });
  }
  new ComputeAddress(scope, 'Address', {
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

  const forwardingRules: ComputeForwardingRule[] = [];
  if (http) forwardingRules.push(rule('ForwardingRule', names.forwardingRule, '80', { targetHttpProxyRef: { name: names.proxy } }));
  if (props.https) {
    forwardingRules.push(
      rule('HttpsForwardingRule', names.httpsForwardingRule, '443', { targetHttpsProxyRef: { name: names.httpsProxy } }),
    );
  }
  return { http, scheme: props.https ? 'https' : 'http', forwardingRules };
}

/**
 * Every URL a frontend answers on for `host` (HTTPS first): a service's custom audiences, since a caller mints its
 * ID token for the URL it calls, whichever listener that is.
 * @see https://cloud.google.com/run/docs/configuring/custom-audiences
 */
export function frontendUrls(frontend: Pick<Frontend, 'http' | 'scheme'>, host: string | undefined): string[] {
  if (host === undefined) return [];
  return [...(frontend.scheme === 'https' ? [`https://${host}`] : []), ...(frontend.http ? [`http://${host}`] : [])];
}
