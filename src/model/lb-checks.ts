import { containsAddress, isIpv4Address, isReservedInSubnet, parseCidr } from '../cidr';
import { quoted } from '../finding';

/*
 * The checks of an internal load balancer's own settings, each once: the constructs throw them at TypeScript users
 * (src/lb/frontend.ts) and the rules report them as findings, in the same words.
 */

/** Why an address cannot serve a load balancer. */
export type LbAddressProblem = { readonly kind: 'not-ipv4' | 'outside' | 'reserved'; readonly message: string };

/**
 * Why `address` cannot be an internal load balancer's address in `subnet` (whose range is well-formed), or
 * undefined: it is an IPv4 address inside the range and not one of the four GCP reserves there. The one check behind
 * the load balancer constructs' error (`addFrontend`) and the lb-address-must-be-usable finding.
 * @see https://cloud.google.com/vpc/docs/subnets#unusable-ip-addresses-in-every-subnet
 */
export function lbAddressProblem(address: string, subnet: { readonly name: string; readonly cidr: string }): LbAddressProblem | undefined {
  const { cidr } = subnet;
  if (!isIpv4Address(address)) return { kind: 'not-ipv4', message: `${quoted(address)} is not an IPv4 address` };
  const range = parseCidr(cidr);
  if (!containsAddress(range, address))
    return { kind: 'outside', message: `${address} is outside subnet ${quoted(subnet.name)} (${cidr})` };
  if (isReservedInSubnet(range, address)) {
    return { kind: 'reserved', message: `${address} is one of the four addresses GCP reserves in ${cidr}` };
  }
  return undefined;
}

/**
 * Why a load balancer with these listeners serves nothing, or undefined: it needs HTTP, HTTPS or both. The one check
 * behind `checkFrontend`'s error and the https-certificate-source finding.
 */
export function lbProtocolProblem(http: boolean, https: boolean): string | undefined {
  return http || https ? undefined : 'serves neither HTTP nor HTTPS';
}
