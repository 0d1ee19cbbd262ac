import { validCidr } from '../../src/rules/valid-cidr';
import { describeRule } from '../helpers/rule-cases';

describeRule(validCidr, {
  valid: [
    { name: 'defaults', mutate: () => undefined },
    { name: 'a custom range', mutate: (t) => { t.network.subnets = { workload: { cidr: '192.168.1.0/24' } }; } },
  ],
  invalid: [
    { name: "a Redis range with host bits", mutate: (t) => { t.backends = [{ name: 'cache', redis: { reservedRange: '10.40.0.3/29' } }]; }, path: 'backends[0].redis.reservedRange', message: /host bits/ },
    { name: 'not a CIDR', mutate: (t) => { t.network.subnets = { workload: { cidr: '10.10.0.0' } }; }, path: 'network.subnets.workload.cidr' },
    { name: 'octet out of range', mutate: (t) => { t.network.subnets = { directVpc: { cidr: '10.300.0.0/24' } }; }, path: 'network.subnets.directVpc.cidr' },
    { name: 'host bits set', mutate: (t) => { t.network.subnets = { proxyOnly: { cidr: '10.10.10.1/23' } }; }, path: 'network.subnets.proxyOnly.cidr', message: /host bits/ },
  ],
});
