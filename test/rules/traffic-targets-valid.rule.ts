import { trafficTargetsValid } from '../../src/rules/traffic-targets-valid';
import { describeRule } from '../helpers/rule-cases';

describeRule(trafficTargetsValid, {
  valid: [
    { name: 'no traffic section', mutate: () => {} },
    {
      name: 'a 90/10 split with a tag-only target',
      mutate: (t) =>
        (t.services[1].traffic = [
          { revision: 'server-service-v1', percent: 90 },
          { latest: true, percent: 10, tag: 'canary' },
          { revision: 'server-service-v0', tag: 'old' },
        ]),
    },
  ],
  invalid: [
    {
      name: 'percents add up to 90',
      mutate: (t) => (t.services[1].traffic = [{ latest: true, percent: 90 }]),
      path: 'services[1].traffic',
      message: /90, not 100/,
    },
    {
      name: 'both revision and latest',
      mutate: (t) => (t.services[1].traffic = [{ latest: true, revision: 'server-service-v1', percent: 100 }]),
      path: 'services[1].traffic[0]',
    },
    {
      name: "another service's revision",
      mutate: (t) => (t.services[1].traffic = [{ revision: 'client-service-v1', percent: 100 }]),
      path: 'services[1].traffic[0].revision',
    },
    {
      name: 'a tag twice',
      mutate: (t) =>
        (t.services[1].traffic = [
          { latest: true, percent: 100, tag: 'a' },
          { revision: 'server-service-v1', tag: 'a' },
        ]),
      path: 'services[1].traffic[1].tag',
    },
    {
      name: 'a revision name above 63 characters',
      mutate: (t) => (t.services[1].revisionSuffix = 'x'.repeat(60)),
      path: 'services[1].revisionSuffix',
    },
  ],
});
