import { regionsValid } from '../../src/rules/regions-valid';
import { describeRule } from '../helpers/rule-cases';
import { twoRegions } from '../helpers/synth';

describeRule(regionsValid, {
  valid: [
    { name: 'one region', mutate: () => undefined },
    { name: 'two regions', mutate: (t) => twoRegions(t) },
    {
      name: "a later region's subnets",
      mutate: (t) => {
        twoRegions(t);
        t.network.regions = { 'asia-northeast2': { subnets: { workload: { cidr: '10.40.0.0/24' } } } };
      },
    },
  ],
  invalid: [
    {
      name: 'both region and regions',
      mutate: (t) => {
        twoRegions(t);
        t.region = 'asia-northeast1';
      },
      path: 'regions',
      message: /both region/,
    },
    {
      name: 'neither',
      mutate: (t) => {
        delete t.region;
      },
      path: 'region',
    },
    {
      name: 'a region twice',
      mutate: (t) => {
        twoRegions(t);
        t.regions = ['asia-northeast1', 'asia-northeast1'];
      },
      path: 'regions[1]',
      message: /twice/,
    },
    {
      name: 'not a region name',
      mutate: (t) => {
        twoRegions(t);
        t.regions = ['asia-northeast1', 'Tokyo 2'];
      },
      path: 'regions[1]',
    },
    {
      name: "the first region's subnets under network.regions",
      mutate: (t) => {
        twoRegions(t);
        t.network.regions = { 'asia-northeast1': { subnets: { workload: { cidr: '10.40.0.0/24' } } } };
      },
      path: 'network.regions.asia-northeast1',
      message: /network.subnets/,
    },
    {
      name: 'subnets of a region the topology does not have',
      mutate: (t) => {
        t.network.regions = { 'europe-west4': { subnets: {} } };
      },
      path: 'network.regions.europe-west4',
    },
  ],
});
