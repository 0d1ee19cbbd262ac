import { scalingMinNotAboveMax } from '../../src/rules/scaling-min-not-above-max';
import { describeRule } from '../helpers/rule-cases';

describeRule(scalingMinNotAboveMax, {
  valid: [
    { name: 'defaults', mutate: () => undefined },
    {
      name: 'min equal to max',
      mutate: (t) => {
        t.services[1].scaling = { minInstances: 3, maxInstances: 3 };
      },
    },
  ],
  invalid: [
    {
      name: 'min above max',
      mutate: (t) => {
        t.services[1].scaling = { minInstances: 5, maxInstances: 3 };
      },
      path: 'services[1].scaling.minInstances',
    },
    {
      name: 'min above the default max',
      mutate: (t) => {
        t.services[1].scaling = { minInstances: 101 };
      },
      path: 'services[1].scaling.minInstances',
    },
  ],
});
