import { cidrProblem, parseCidr, resized } from '../cidr';
import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * A proxy-only subnet has at least 64 addresses (/26); Google recommends /23.
 * @see https://cloud.google.com/load-balancing/docs/proxy-only-subnets#proxy_only_subnet_size
 */
export const proxyOnlySubnetSize = defineRule({
  id: 'proxy-only-subnet-size',
  severity: 'error',
  summary: 'The proxy-only subnet is /26 or larger.',
  check(model: TopologyModel): Problem[] {
    // The regional and the cross-region (GLOBAL_MANAGED_PROXY) proxy-only subnets of every region: the same sizes apply.
    const subnets = model.regions.flatMap((r) => [r.subnets.proxyOnly, r.subnets.globalProxyOnly]);
    return subnets
      .filter((subnet) => subnet.needed && !cidrProblem(subnet.cidr) && parseCidr(subnet.cidr).prefix > 26)
      .map((subnet) => ({
        path: subnet.cidrPath,
        message: `proxy-only subnet ${subnet.cidr} is smaller than /26`,
        fix: `set ${subnet.cidrPath} to a /26 or larger range (/23 recommended), e.g. ${resized(parseCidr(subnet.cidr), 23)}`,
      }));
  },
});
