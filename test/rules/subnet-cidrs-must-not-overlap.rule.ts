import { subnetCidrsMustNotOverlap } from '../../src/rules/subnet-cidrs-must-not-overlap';
import { describeRule } from '../helpers/rule-cases';

describeRule(subnetCidrsMustNotOverlap, {
  valid: [
    { name: 'defaults', mutate: () => undefined },
    {
      name: 'adjacent ranges',
      mutate: (t) => {
        t.network.subnets = { workload: { cidr: '10.20.0.0/24' }, directVpc: { cidr: '10.20.1.0/24' } };
      },
    },
    {
      name: 'overlap with a subnet nobody needs',
      mutate: (t) => {
        t.network.subnets = { connector: { cidr: '10.10.0.0/28' } };
      },
    },
  ],
  invalid: [
    {
      name: 'the private services access range over a subnet',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: { connectMode: 'private-service-access' } }];
        t.network.privateServiceAccess = { cidr: '10.10.0.0/16' };
      },
      path: 'network.privateServiceAccess.cidr',
      message: /private services access/,
    },
    {
      name: "a Redis instance's /29 inside a subnet",
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: { reservedRange: '10.10.4.8/29' } }];
      },
      path: 'backends[0].redis.reservedRange',
      message: /Redis cache/,
    },
    {
      name: 'direct VPC inside the workload subnet',
      mutate: (t) => {
        t.network.subnets = { directVpc: { cidr: '10.10.0.0/26' } };
      },
      path: 'network.subnets.directVpc.cidr',
      message: /overlaps 10.10.0.0\/24/,
    },
    {
      name: 'proxy-only covering the workload subnet',
      mutate: (t) => {
        t.network.subnets = { proxyOnly: { cidr: '10.10.0.0/23' } };
      },
      path: 'network.subnets.proxyOnly.cidr',
    },
  ],
});
