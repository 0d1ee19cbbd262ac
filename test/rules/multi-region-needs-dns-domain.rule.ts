import { multiRegionNeedsDnsDomain } from '../../src/rules/multi-region-needs-dns-domain';
import { describeRule } from '../helpers/rule-cases';
import { twoRegions } from '../helpers/synth';

describeRule(multiRegionNeedsDnsDomain, {
  valid: [
    { name: 'one region without DNS', mutate: () => undefined },
    { name: 'two regions with dns.domain', mutate: (t) => twoRegions(t) },
  ],
  invalid: [
    {
      name: 'two regions without dns.domain',
      mutate: (t) => {
        twoRegions(t);
        delete t.dns;
      },
      path: 'services[1].regions',
    },
  ],
});
