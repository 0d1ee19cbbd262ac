import { directVpcAddressesFor, directVpcSubnetCapacity } from '../../src/rules/direct-vpc-subnet-capacity';
import { join } from 'node:path';
import { loadTopologyFile } from '../../src/input/load';
import { validateTopology } from '../../src/validate/engine';
import { describeRule } from '../helpers/rule-cases';
import { twoRegions } from '../helpers/synth';

describeRule(directVpcSubnetCapacity, {
  valid: [
    { name: 'default /22 at 100 instances', mutate: () => undefined },
    {
      name: 'a /25 at 56 instances (112 addresses of 124)',
      mutate: (t) => {
        t.network.subnets = { directVpc: { cidr: '10.10.4.0/25' } };
        t.services[0].scaling = { maxInstances: 56 };
      },
    },
    {
      name: 'a /26 at 24 instances',
      mutate: (t) => {
        t.network.subnets = { directVpc: { cidr: '10.10.4.0/26' } };
        t.services[0].scaling = { maxInstances: 24 };
      },
    },
  ],
  invalid: [
    {
      name: "the second region's Direct VPC subnet, too small for the services running there",
      mutate: (t) => {
        twoRegions(t);
        t.network.regions = { 'asia-northeast2': { subnets: { directVpc: { cidr: '10.11.4.0/26' } } } };
        t.services[0].scaling = { maxInstances: 100 };
      },
      path: 'network.regions.asia-northeast2.subnets.directVpc.cidr',
      message: /asia-northeast2|10\.11\.4\.0\/26/,
    },
    {
      name: 'a /27',
      mutate: (t) => {
        t.network.subnets = { directVpc: { cidr: '10.10.4.0/27' } };
        t.services[0].scaling = { maxInstances: 2 };
      },
      path: 'network.subnets.directVpc.cidr',
      message: /smaller than \/26/,
    },
    {
      name: 'a /24 for 200 instances',
      mutate: (t) => {
        t.network.subnets = { directVpc: { cidr: '10.10.4.0/24' } };
        t.services[0].scaling = { maxInstances: 200 };
      },
      path: 'network.subnets.directVpc.cidr',
      message: /252 usable addresses but Direct VPC egress may hold 400/,
    },
    {
      name: 'two services sharing a /24 at the default 100',
      mutate: (t) => {
        t.network.subnets = { directVpc: { cidr: '10.10.4.0/24' } };
        t.services[1].egress = { via: 'direct-vpc' };
      },
      path: 'network.subnets.directVpc.cidr',
    },
  ],
});

test('Direct VPC holds 2 addresses per instance in blocks of 16', () => {
  expect([1, 8, 9, 24, 100].map(directVpcAddressesFor)).toEqual([16, 16, 32, 48, 208]);
});

test('the suggested wider range has no host bits set (10.10.4.32/27 suggests 10.10.4.0/24)', () => {
  const t = loadTopologyFile(join(__dirname, '..', '..', 'topology.yaml')).input as any;
  t.network.subnets = { directVpc: { cidr: '10.10.4.32/27' } };
  t.services[0].scaling = { maxInstances: 2 };
  const [finding] = validateTopology(t).findings.filter((f) => f.ruleId === directVpcSubnetCapacity.id);
  expect(finding.fix).toContain('e.g. 10.10.4.0/24');
});
