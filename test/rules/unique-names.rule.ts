import { uniqueNames } from '../../src/rules/unique-names';
import { describeRule } from '../helpers/rule-cases';

describeRule(uniqueNames, {
  valid: [
    { name: 'the base topology', mutate: () => undefined },
    {
      name: 'a subnet named like the network',
      mutate: (t) => {
        t.network.subnets = { directVpc: { name: 'run-vpc' } };
      },
    },
  ],
  invalid: [
    {
      name: 'two backends with one name',
      mutate: (t) => {
        t.backends = [
          { name: 'cache', redis: {} },
          { name: 'cache', endpoint: { host: '10.0.0.1', port: 1 } },
        ];
      },
      path: 'backends[1].name',
      message: /already declared at backends\[0\]/,
    },
    {
      name: 'a secret declared twice',
      mutate: (t) => {
        t.secrets = [{ name: 'db' }, { name: 'db' }];
      },
      path: 'secrets[1].name',
    },
    {
      name: 'two services with one name',
      mutate: (t) => {
        t.services.push({ ...t.services[1] });
      },
      path: 'services[2].name',
      message: /already declared at services\[1\]/,
    },
    {
      name: 'two subnets with one name',
      mutate: (t) => {
        t.network.subnets = { workload: { name: 'shared' }, directVpc: { name: 'shared' } };
      },
      path: 'network.subnets.directVpc.name',
    },
  ],
});
