import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Callers of a service in several regions reach it by name: its private DNS record answers each region with that
 * region's frontend (a geolocation routing policy), since each region's frontend has its own address. That needs
 * `dns.domain`.
 * @see https://cloud.google.com/dns/docs/routing-policies-overview
 */
export const multiRegionNeedsDnsDomain = defineRule({
  id: 'multi-region-needs-dns-domain',
  severity: 'error',
  summary: 'A load-balanced service in several regions needs dns.domain: callers reach it by name.',
  check(model: TopologyModel): Problem[] {
    if (model.dns?.domain !== undefined) return [];
    return model.services
      .filter((s) => s.loadBalancer?.crossRegion)
      .map((s) => ({
        path: s.regionsPath,
        message: `${quoted(s.name)} runs in ${s.regions.map(quoted).join(', ')} behind one frontend per region, and callers need a DNS name that answers with their own region's`,
        fix: 'set dns.domain, e.g. internal.acme.example',
      }));
  },
});
