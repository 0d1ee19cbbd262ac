import { isIpv4Address, isPrivate, parseCidr } from '../cidr';
import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Private backends have only private addresses, reachable from Cloud Run only through VPC egress; and with
 * `private-ranges-only` routing, only addresses in the internal ranges go through the VPC: any other address
 * would be sent to the internet and time out.
 * @see https://cloud.google.com/memorystore/docs/redis/connect-redis-instance-cloud-run
 * @see https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#direct-vpc-egress
 */
export const backendUserNeedsVpcEgress = defineRule({
  id: 'backend-user-needs-vpc-egress',
  severity: 'error',
  summary: "A service that uses a backend egresses into the VPC, with a route that sends the backend's address there.",
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      s.uses.forEach((name, i) => {
        const b = model.backendsByName.get(name);
        if (!b) return;
        const path = `${s.path}.uses[${i}]`;
        if (s.via === 'none') {
          problems.push({
            path,
            message: `${quoted(s.name)} uses backend ${quoted(name)} but has no VPC egress, so its private address is unreachable`,
            fix: `set ${s.path}.egress.via to direct-vpc or connector`,
          });
          return;
        }
        const host = b.host;
        if (s.route === 'private-ranges-only' && host !== undefined && isIpv4Address(host) && !isPrivate(parseCidr(`${host}/32`))) {
          problems.push({
            path,
            message: `backend ${quoted(name)} is at ${host}, outside the internal ranges, so private-ranges-only egress sends it to the internet`,
            fix: `set ${s.path}.egress.route to all-traffic, or give ${b.hostPath} an internal address`,
          });
        }
      });
    }
    return problems;
  },
});
