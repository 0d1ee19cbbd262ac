import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * With `all-traffic`, internet-bound requests go into the VPC too; without Cloud NAT they have no way out.
 * @see https://cloud.google.com/run/docs/configuring/static-outbound-ip
 */
export const internetNeedsAWayOut = defineRule({
  id: 'internet-needs-a-way-out',
  severity: 'error',
  summary: 'A service that needs the internet and routes all traffic into the VPC has Cloud NAT.',
  check(model: TopologyModel): Problem[] {
    // On an existing network, without network.nat.enabled, the way out is the estate's own Cloud NAT.
    if (model.nat.enabled || (model.network.existing && model.spec.network.nat?.enabled === undefined)) return [];
    return model.services
      .filter((s) => s.internet && s.via !== 'none' && s.route === 'all-traffic')
      .map((s) => ({
        path: `${s.path}.internet`,
        message: `${quoted(s.name)} needs the internet and routes all traffic into the VPC, but network.nat.enabled is false`,
        fix: `remove network.nat.enabled: false, or set ${s.path}.egress.route to private-ranges-only`,
      }));
  },
});
