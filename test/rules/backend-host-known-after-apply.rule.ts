import { backendHostKnownAfterApply } from '../../src/rules/backend-host-known-after-apply';
import { describeRule } from '../helpers/rule-cases';

describeRule(backendHostKnownAfterApply, {
  valid: [
    {
      name: 'a Redis instance with its host',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: {}, host: '10.30.0.4' }];
        t.services[0].uses = ['cache'];
      },
    },
    {
      name: 'a Redis instance nobody uses yet',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: {} }];
      },
    },
    {
      name: 'an endpoint',
      mutate: (t) => {
        t.backends = [{ name: 'db', endpoint: { host: '10.40.0.5', port: 5432 } }];
        t.services[0].uses = ['db'];
      },
    },
  ],
  invalid: [
    {
      name: 'a used Redis instance without host',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: {} }];
        t.services[0].uses = ['cache'];
      },
      path: 'backends[0].host',
      severity: 'warning',
      message: /CACHE_HOST is not set/,
    },
  ],
});
