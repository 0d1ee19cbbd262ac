import { declaredPathIsProven } from '../../src/rules/declared-path-is-proven';
import { describeRule } from '../helpers/rule-cases';

// Ingress `all` admits internet requests; without VPC egress a call to *.run.app goes to Google's public address
// (https://cloud.google.com/run/docs/securing/ingress#settings).
describeRule(declaredPathIsProven, {
  valid: [
    { name: 'the base client -> server call through the internal load balancer', mutate: () => undefined },
    {
      name: 'a run.app call routed all-traffic into the VPC',
      mutate: (t) => {
        t.projectNumber = '123456789012';
        t.services[1].access = 'private-google-access';
        t.services[0].egress.route = 'all-traffic';
      },
    },
    {
      // caller-needs-vpc-egress reports this one: not reported twice.
      name: 'a break another rule already reports (no VPC egress to an internal load balancer)',
      mutate: (t) => {
        t.services[0].egress = { via: 'none' };
        delete t.services[0].startupProbe;
      },
    },
  ],
  invalid: [
    {
      name: 'no VPC egress to a run.app callee with ingress all',
      mutate: (t) => {
        t.projectNumber = '123456789012';
        t.services[0].egress = { via: 'none' };
        delete t.services[0].startupProbe;
        t.services[1].access = 'private-google-access';
        t.services[1].ingress = 'all';
      },
      path: 'services[0].calls[0]',
      message: /not private at its egress hop/,
    },
  ],
});
