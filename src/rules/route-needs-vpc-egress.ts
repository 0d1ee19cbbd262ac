import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * `vpc-access-egress` only means something with a connector or Direct VPC egress.
 * @see https://cloud.google.com/run/docs/configuring/vpc-direct-vpc
 */
export const routeNeedsVpcEgress = defineRule({
  id: 'route-needs-vpc-egress',
  severity: 'error',
  summary: '`egress.route` is set only together with `egress.via: connector | direct-vpc`.',
  check(model: TopologyModel): Problem[] {
    return model.services
      .filter((s) => s.routeSet && s.via === 'none')
      .map((s) => ({
        path: `${s.path}.egress.route`,
        message: `route ${s.route} has no effect: ${quoted(s.name)} has no VPC egress`,
        fix: `set ${s.path}.egress.via to direct-vpc or connector, or remove ${s.path}.egress.route`,
      }));
  },
});
