import { callersInCalleeRegions } from '../../src/rules/callers-in-callee-regions';
import { describeRule } from '../helpers/rule-cases';
import { twoRegions } from '../helpers/synth';

describeRule(callersInCalleeRegions, {
  valid: [
    { name: 'one region', mutate: () => undefined },
    { name: 'caller and callee in both regions', mutate: (t) => twoRegions(t) },
    {
      name: 'a callee in more regions than its caller',
      mutate: (t) => {
        twoRegions(t);
        t.services[0].regions = ['asia-northeast2'];
        delete t.services[0].failover;
      },
    },
  ],
  invalid: [
    {
      name: 'a caller in a region its callee is not in',
      mutate: (t) => {
        twoRegions(t);
        t.services[1].regions = ['asia-northeast1'];
        delete t.services[1].failover;
      },
      path: 'services[0].calls[0]',
      message: /asia-northeast2/,
    },
  ],
});
