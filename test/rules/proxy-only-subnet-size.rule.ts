import { proxyOnlySubnetSize } from '../../src/rules/proxy-only-subnet-size';
import { describeRule } from '../helpers/rule-cases';

describeRule(proxyOnlySubnetSize, {
  valid: [
    { name: 'default /23', mutate: () => undefined },
    {
      name: 'a /26',
      mutate: (t) => {
        t.network.subnets = { proxyOnly: { cidr: '10.10.10.0/26' } };
      },
    },
  ],
  invalid: [
    {
      name: 'a /27',
      mutate: (t) => {
        t.network.subnets = { proxyOnly: { cidr: '10.10.10.0/27' } };
      },
      path: 'network.subnets.proxyOnly.cidr',
    },
  ],
});
