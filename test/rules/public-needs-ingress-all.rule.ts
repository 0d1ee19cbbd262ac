import { publicNeedsIngressAll } from '../../src/rules/public-needs-ingress-all';
import { describeRule } from '../helpers/rule-cases';

describeRule(publicNeedsIngressAll, {
  valid: [
    { name: 'private services', mutate: () => undefined },
    {
      name: 'public with ingress all',
      mutate: (t) => {
        t.services[1].ingress = 'all';
        t.services[1].public = true;
      },
    },
    {
      name: 'ingress all without public',
      mutate: (t) => {
        t.services[1].ingress = 'all';
      },
    },
  ],
  invalid: [
    {
      name: 'public with internal ingress',
      mutate: (t) => {
        t.services[1].public = true;
      },
      path: 'services[1].public',
      message: /ingress is internal/,
    },
    {
      name: 'public with internal-and-cloud-load-balancing',
      mutate: (t) => {
        t.services[0].ingress = 'internal-and-cloud-load-balancing';
        t.services[0].public = true;
      },
      path: 'services[0].public',
    },
  ],
});
