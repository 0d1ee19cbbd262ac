import { callerNeedsVpcEgress } from '../../src/rules/caller-needs-vpc-egress';
import { describeRule } from '../helpers/rule-cases';

describeRule(callerNeedsVpcEgress, {
  valid: [
    { name: 'direct VPC caller through the load balancer', mutate: () => undefined },
    {
      name: 'connector caller',
      mutate: (t) => {
        t.services[0].egress.via = 'connector';
      },
    },
    {
      name: 'no-VPC caller of a public service reached at run.app',
      mutate: (t) => {
        delete t.services[0].egress;
        t.services[1].ingress = 'all';
        t.services[1].access = 'private-google-access';
        t.projectNumber = '123456789012';
      },
    },
  ],
  invalid: [
    {
      name: 'no egress, callee behind the internal load balancer',
      mutate: (t) => {
        delete t.services[0].egress;
      },
      path: 'services[0].calls[0]',
      message: /load balancer's address is unreachable/,
    },
    {
      name: 'no egress, internal callee at run.app',
      mutate: (t) => {
        delete t.services[0].egress;
        t.services[1].access = 'private-google-access';
        t.projectNumber = '123456789012';
      },
      path: 'services[0].calls[0]',
      message: /404/,
    },
    {
      name: 'via none written out',
      mutate: (t) => {
        t.services[0].egress = { via: 'none' };
        t.services[1].ingress = 'internal-and-cloud-load-balancing';
      },
      path: 'services[0].calls[0]',
    },
  ],
});
