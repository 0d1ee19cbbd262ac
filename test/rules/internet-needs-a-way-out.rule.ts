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

describeRule(internetNeedsAWayOut, {
  valid: [
    {
      name: "existing network without nat.enabled: the estate's NAT is assumed",
      mutate: (t) => {
        t.network.existing = true;
        t.network.subnets = {
          directVpc: { name: 'run-egress', cidr: '10.130.0.0/22' },
          workload: { name: 'ilb', cidr: '10.128.0.0/24' },
          proxyOnly: { name: 'proxy-only', cidr: '10.129.0.0/23' },
        };
        t.services[0].egress.route = 'all-traffic';
        t.services[0].internet = true;
      },
    },
  ],
  invalid: [
    {
      name: 'existing network with nat.enabled: false',
      mutate: (t) => {
        t.network.existing = true;
        t.network.nat = { enabled: false };
        t.network.subnets = {
          directVpc: { name: 'run-egress', cidr: '10.130.0.0/22' },
          workload: { name: 'ilb', cidr: '10.128.0.0/24' },
          proxyOnly: { name: 'proxy-only', cidr: '10.129.0.0/23' },
        };
        t.services[0].egress.route = 'all-traffic';
        t.services[0].internet = true;
      },
      path: 'services[0].internet',
    },
  ],
});
