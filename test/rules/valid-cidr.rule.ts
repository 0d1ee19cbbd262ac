import { validCidr } from '../../src/rules/valid-cidr';
import { describeRule } from '../helpers/rule-cases';

describeRule(validCidr, {
  valid: [
    { name: 'defaults', mutate: () => undefined },
    {
      name: 'a custom range',
      mutate: (t) => {
        t.network.subnets = { workload: { cidr: '192.168.1.0/24' } };
      },
    },
  ],
  invalid: [
    {
      name: 'a Redis range with host bits',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: { reservedRange: '10.40.0.3/29' } }];
      },
      path: 'backends[0].redis.reservedRange',
      message: /host bits/,
    },
    {
      name: 'not a CIDR',
      mutate: (t) => {
        t.network.subnets = { workload: { cidr: '10.10.0.0' } };
      },
      path: 'network.subnets.workload.cidr',
    },
    {
      name: 'octet out of range',
      mutate: (t) => {
        t.network.subnets = { directVpc: { cidr: '10.300.0.0/24' } };
      },
      path: 'network.subnets.directVpc.cidr',
    },
    {
      name: 'a leading zero (octal to some tools)',
      mutate: (t) => {
        t.network.subnets = { workload: { cidr: '010.10.0.0/24' } };
      },
      path: 'network.subnets.workload.cidr',
      message: /leading zero.*write 10\.10\.0\.0\/24/,
    },
    {
      name: 'a leading zero in the prefix',
      mutate: (t) => {
        t.network.subnets = { workload: { cidr: '10.10.0.0/024' } };
      },
      path: 'network.subnets.workload.cidr',
    },
    {
      name: 'a leading zero in the PSA range',
      mutate: (t) => {
        t.network.privateServiceAccess = { cidr: '10.030.0.0/20' };
        t.backends = [{ name: 'cache', redis: { connectMode: 'private-service-access' } }];
      },
      path: 'network.privateServiceAccess.cidr',
      message: /leading zero/,
    },
    {
      name: 'host bits set',
      mutate: (t) => {
        t.network.subnets = { proxyOnly: { cidr: '10.10.10.1/23' } };
      },
      path: 'network.subnets.proxyOnly.cidr',
      message: /host bits/,
    },
  ],
});
