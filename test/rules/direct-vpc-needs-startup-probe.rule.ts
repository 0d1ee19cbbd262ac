import { directVpcNeedsStartupProbe } from '../../src/rules/direct-vpc-needs-startup-probe';
import { describeRule } from '../helpers/rule-cases';

describeRule(directVpcNeedsStartupProbe, {
  valid: [
    {
      name: 'a startup probe',
      mutate: (t) => {
        t.services[0].startupProbe = { path: '/ready', periodSeconds: 10, failureThreshold: 12 };
      },
    },
    {
      name: 'a TCP startup probe under probes',
      mutate: (t) => {
        delete t.services[0].startupProbe;
        t.services[0].probes = { startup: { tcp: {}, periodSeconds: 10, failureThreshold: 12 } };
      },
    },
    {
      name: 'connector egress',
      mutate: (t) => {
        t.services[0].egress.via = 'connector';
        delete t.services[0].startupProbe;
      },
    },
  ],
  invalid: [
    {
      name: 'Direct VPC without a probe',
      mutate: (t) => {
        delete t.services[0].startupProbe;
      },
      path: 'services[0].probes.startup',
      severity: 'warning',
      message: /a minute or more/,
    },
  ],
});
