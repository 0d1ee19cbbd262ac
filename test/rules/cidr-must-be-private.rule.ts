import { cidrMustBePrivate } from '../../src/rules/cidr-must-be-private';
import { describeRule } from '../helpers/rule-cases';

describeRule(cidrMustBePrivate, {
  valid: [
    { name: '10/8', mutate: () => undefined },
    {
      name: '172.16/12',
      mutate: (t) => {
        t.network.subnets = { workload: { cidr: '172.31.0.0/24' } };
      },
    },
    {
      name: '100.64/10 (RFC 6598)',
      mutate: (t) => {
        t.network.subnets = { workload: { cidr: '100.64.0.0/24' } };
      },
    },
  ],
  invalid: [
    {
      name: 'a public private services access range',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: { connectMode: 'private-service-access' } }];
        t.network.privateServiceAccess = { cidr: '35.10.0.0/20' };
      },
      path: 'network.privateServiceAccess.cidr',
    },
    {
      name: 'a public range',
      mutate: (t) => {
        t.network.subnets = { workload: { cidr: '8.8.8.0/24' } };
      },
      path: 'network.subnets.workload.cidr',
    },
    {
      name: 'straddling 172.16/12',
      mutate: (t) => {
        t.network.subnets = { directVpc: { cidr: '172.0.0.0/11' } };
      },
      path: 'network.subnets.directVpc.cidr',
    },
  ],
});
