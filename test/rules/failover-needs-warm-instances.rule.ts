import { failoverNeedsWarmInstances } from '../../src/rules/failover-needs-warm-instances';
import { describeRule } from '../helpers/rule-cases';
import { twoRegions } from '../helpers/synth';

describeRule(failoverNeedsWarmInstances, {
  valid: [
    { name: 'one region, no failover', mutate: () => undefined },
    { name: 'a warm instance per region', mutate: (t) => twoRegions(t) },
    {
      name: 'scaling.minInstances instead of failover',
      mutate: (t) => {
        twoRegions(t);
        delete t.services[1].failover;
        t.services[1].scaling = { minInstances: 2 };
      },
    },
  ],
  invalid: [
    {
      name: 'two regions, nothing warm',
      mutate: (t) => {
        twoRegions(t);
        delete t.services[1].failover;
      },
      path: 'services[1].regions',
      severity: 'warning',
      message: /no warm instance/,
    },
    {
      name: 'failover with zero instances',
      mutate: (t) => {
        twoRegions(t);
        t.services[1].failover = { minInstancesPerRegion: 0 };
      },
      path: 'services[1].failover.minInstancesPerRegion',
      severity: 'warning',
    },
    {
      name: 'failover in one region',
      mutate: (t) => {
        t.services[1].failover = { minInstancesPerRegion: 1 };
      },
      path: 'services[1].failover',
      severity: 'warning',
      message: /no region to fail over to/,
    },
  ],
});
