import { cidrProblem, containsAddress, isIpv4Address, isPrivate, parseCidr } from '../cidr';
import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { claimedRanges } from '../model/ranges';

/**
 * A Private Service Connect endpoint for Google APIs takes one internal address that no subnet of the
 * network contains.
 * @see https://cloud.google.com/vpc/docs/configure-private-service-connect-apis#ip-address-requirements
 */
export const pscAddressUsable = defineRule({
  id: 'psc-address-usable',
  severity: 'error',
  summary: "The Private Service Connect endpoint's address is an internal IPv4 address outside every range of the network.",
  check(model: TopologyModel): Problem[] {
    const psc = model.psc;
    if (!psc) return [];
    const fix = `set ${psc.addressPath} to an internal address no subnet covers, e.g. 10.255.255.254`;
    if (!isIpv4Address(psc.address)) return [{ path: psc.addressPath, message: `${quoted(psc.address)} is not an IPv4 address`, fix }];
    if (!isPrivate(parseCidr(`${psc.address}/32`)))
      return [{ path: psc.addressPath, message: `${psc.address} is not an internal address`, fix }];
    const inside = claimedRanges(model).find((r) => !cidrProblem(r.cidr) && containsAddress(parseCidr(r.cidr), psc.address));
    return inside ? [{ path: psc.addressPath, message: `${psc.address} is inside ${inside.cidr} (${inside.label})`, fix }] : [];
  },
});
