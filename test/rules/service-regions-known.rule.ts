import { serviceRegionsKnown } from '../../src/rules/service-regions-known';
import { describeRule } from '../helpers/rule-cases';
import { twoRegions } from '../helpers/synth';

describeRule(serviceRegionsKnown, {
  valid: [
    { name: 'no services[].regions', mutate: () => undefined },
    { name: 'both regions', mutate: (t) => twoRegions(t) },
  ],
  invalid: [
    {
      name: 'a region the topology does not have',
      mutate: (t) => {
        twoRegions(t);
        t.services[1].regions = ['asia-northeast1', 'europe-west4'];
      },
      path: 'services[1].regions[1]',
      message: /europe-west4/,
    },
    {
      name: 'a region twice',
      mutate: (t) => {
        twoRegions(t);
        t.services[1].regions = ['asia-northeast1', 'asia-northeast2', 'asia-northeast2'];
      },
      path: 'services[1].regions[2]',
      message: /twice/,
    },
  ],
});
