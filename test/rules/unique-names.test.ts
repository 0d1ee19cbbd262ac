import { uniqueNames } from '../../src/rules/unique-names';
import { describeRule } from '../helpers/rule-cases';

describeRule(uniqueNames, {
  valid: [
    { name: 'the base topology', mutate: () => undefined },
    { name: 'a subnet named like the network', mutate: (t) => { t.network.subnets = { directVpc: { name: 'run-vpc' } }; } },
  ],
  invalid: [
    { name: 'two services with one name', mutate: (t) => { t.services.push({ ...t.services[1] }); }, path: 'services[2].name', message: /already declared at services\[1\]/ },
    { name: 'two subnets with one name', mutate: (t) => { t.network.subnets = { workload: { name: 'shared' }, directVpc: { name: 'shared' } }; }, path: 'network.subnets.directVpc.name' },
  ],
});
