import { internetNeedsAWayOut } from '../../src/rules/internet-needs-a-way-out';
import { describeRule } from '../helpers/rule-cases';

describeRule(internetNeedsAWayOut, {
  valid: [
    {
      name: 'all-traffic with NAT on (default)',
      mutate: (t) => {
        t.services[0].egress.route = 'all-traffic';
        t.services[0].internet = true;
      },
    },
    {
      name: 'private-ranges-only keeps the direct internet path',
      mutate: (t) => {
        t.network.nat = { enabled: false };
        t.services[0].internet = true;
      },
    },
    {
      name: 'all-traffic without internet needs no NAT',
      mutate: (t) => {
        t.network.nat = { enabled: false };
        t.services[0].egress.route = 'all-traffic';
      },
    },
  ],
  invalid: [
    {
      name: 'all-traffic, internet, NAT off',
      mutate: (t) => {
        t.network.nat = { enabled: false };
        t.services[0].egress.route = 'all-traffic';
        t.services[0].internet = true;
      },
      path: 'services[0].internet',
    },
  ],
});
