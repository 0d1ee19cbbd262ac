import { routeNeedsVpcEgress } from '../../src/rules/route-needs-vpc-egress';
import { describeRule } from '../helpers/rule-cases';

describeRule(routeNeedsVpcEgress, {
  valid: [
    { name: 'route with direct VPC', mutate: () => undefined },
    {
      name: 'no egress at all',
      mutate: (t) => {
        t.services[1].egress = { via: 'none' };
      },
    },
  ],
  invalid: [
    {
      name: 'route without via',
      mutate: (t) => {
        t.services[1].egress = { route: 'all-traffic' };
      },
      path: 'services[1].egress.route',
    },
  ],
});
