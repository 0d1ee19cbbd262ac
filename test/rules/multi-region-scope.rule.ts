import { multiRegionScope } from '../../src/rules/multi-region-scope';
import { describeRule } from '../helpers/rule-cases';
import { twoRegions } from '../helpers/synth';

describeRule(multiRegionScope, {
  valid: [
    { name: 'two regions', mutate: (t) => twoRegions(t) },
    {
      name: 'shared mode in two regions',
      mutate: (t) => {
        twoRegions(t);
        t.loadBalancing = { mode: 'shared' };
      },
    },
    {
      name: 'shared mode in one region',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.loadBalancing = { mode: 'shared' };
      },
    },
  ],
  invalid: [
    {
      name: 'an existing network',
      mutate: (t) => {
        twoRegions(t);
        t.network.existing = true;
      },
      path: 'network.existing',
    },
    {
      name: 'Connectivity Tests',
      mutate: (t) => {
        twoRegions(t);
        t.delivery = { connectivityTests: true };
      },
      path: 'delivery.connectivityTests',
    },
    {
      name: 'a Redis backend used in the second region',
      mutate: (t) => {
        twoRegions(t);
        t.backends = [{ name: 'cache', redis: {} }];
        t.services[0].uses = ['cache'];
      },
      path: 'services[0].uses[0]',
    },
    {
      name: 'a load-balanced service only in the second region',
      mutate: (t) => {
        twoRegions(t);
        t.services[0].regions = ['asia-northeast2'];
        t.services[1].regions = ['asia-northeast2'];
        delete t.services[0].failover;
        delete t.services[1].failover;
      },
      path: 'services[1].regions',
    },
  ],
});
