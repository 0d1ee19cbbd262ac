import { sharedLbNeedsDnsDomain } from '../../src/rules/shared-lb-needs-dns-domain';
import { describeRule } from '../helpers/rule-cases';

describeRule(sharedLbNeedsDnsDomain, {
  valid: [
    { name: 'per-service without DNS', mutate: () => undefined },
    {
      name: 'shared with dns.domain',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.loadBalancing = { mode: 'shared' };
      },
    },
    {
      name: 'shared mode, but no service behind a load balancer',
      mutate: (t) => {
        t.loadBalancing = { mode: 'shared' };
        t.services[0].calls = [];
      },
    },
  ],
  invalid: [
    {
      name: 'shared without DNS',
      mutate: (t) => {
        t.loadBalancing = { mode: 'shared' };
      },
      path: 'loadBalancing.mode',
      message: /without dns.domain/,
    },
    {
      name: 'shared with only the run.app zone',
      mutate: (t) => {
        t.dns = { runApp: true };
        t.loadBalancing = { mode: 'shared' };
      },
      path: 'loadBalancing.mode',
    },
  ],
});
