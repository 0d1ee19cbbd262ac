import { existingSubnetNamed } from '../../src/rules/existing-subnet-named';
import { describeRule } from '../helpers/rule-cases';

const subnets = () => ({
  directVpc: { name: 'run-egress', cidr: '10.130.0.0/22' },
  workload: { name: 'ilb', cidr: '10.128.0.0/24' },
  proxyOnly: { name: 'proxy-only', cidr: '10.129.0.0/23' },
});

describeRule(existingSubnetNamed, {
  valid: [
    { name: 'created network: defaults are fine', mutate: () => undefined },
    {
      name: 'existing network, every used subnet named with its range',
      mutate: (t) => {
        t.network.existing = true;
        t.network.subnets = subnets();
      },
    },
    {
      name: 'an unused subnet needs nothing',
      mutate: (t) => {
        t.network.existing = true;
        t.network.subnets = subnets();
        t.network.subnets.connector = { cidr: '10.8.0.0/28' };
      },
    },
  ],
  invalid: [
    {
      name: 'no subnets given',
      mutate: (t) => (t.network.existing = true),
      path: 'network.subnets.workload',
      message: /no name or cidr/,
    },
    {
      name: 'a range missing',
      mutate: (t) => {
        t.network.existing = true;
        t.network.subnets = subnets();
        delete t.network.subnets.directVpc.cidr;
      },
      path: 'network.subnets.directVpc',
      message: /no cidr/,
    },
    {
      name: 'a name missing',
      mutate: (t) => {
        t.network.existing = true;
        t.network.subnets = subnets();
        delete t.network.subnets.proxyOnly.name;
      },
      path: 'network.subnets.proxyOnly',
      message: /no name/,
    },
  ],
});
