import { backendHasOneKind } from '../../src/rules/backend-has-one-kind';
import { describeRule } from '../helpers/rule-cases';

describeRule(backendHasOneKind, {
  valid: [
    {
      name: 'a Redis instance',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: {} }];
      },
    },
    {
      name: 'an endpoint',
      mutate: (t) => {
        t.backends = [{ name: 'db', endpoint: { host: 'db.internal', port: 5432 } }];
      },
    },
    {
      name: 'a /29 with direct peering',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: { reservedRange: '10.40.0.8/29' } }];
      },
    },
  ],
  invalid: [
    {
      name: 'both redis and endpoint',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: {}, endpoint: { host: '10.0.0.1', port: 1 } }];
      },
      path: 'backends[0].endpoint',
      message: /both/,
    },
    {
      name: 'neither',
      mutate: (t) => {
        t.backends = [{ name: 'cache' }];
      },
      path: 'backends[0]',
      message: /neither/,
    },
    {
      name: 'a /24 reserved range',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: { reservedRange: '10.40.0.0/24' } }];
      },
      path: 'backends[0].redis.reservedRange',
      message: /not a \/29/,
    },
    {
      name: 'a reserved range with private services access',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: { connectMode: 'private-service-access', reservedRange: '10.40.0.0/29' } }];
      },
      path: 'backends[0].redis.reservedRange',
      message: /only for direct peering/,
    },
  ],
});
