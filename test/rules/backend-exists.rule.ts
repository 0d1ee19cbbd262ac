import { backendExists } from '../../src/rules/backend-exists';
import { describeRule } from '../helpers/rule-cases';

const withDb = (t: any) => {
  t.backends = [{ name: 'orders-db', endpoint: { host: '10.40.0.5', port: 5432 } }];
};

describeRule(backendExists, {
  valid: [
    { name: 'no backends', mutate: () => undefined },
    {
      name: 'a declared backend',
      mutate: (t) => {
        withDb(t);
        t.services[0].uses = ['orders-db'];
      },
    },
  ],
  invalid: [
    {
      name: 'a misspelt backend',
      mutate: (t) => {
        withDb(t);
        t.services[0].uses = ['orders-bd'];
      },
      path: 'services[0].uses[0]',
      message: /not a backend/,
    },
    {
      name: 'no backends at all',
      mutate: (t) => {
        t.services[0].uses = ['cache'];
      },
      path: 'services[0].uses[0]',
    },
    {
      name: 'the same backend twice',
      mutate: (t) => {
        withDb(t);
        t.services[0].uses = ['orders-db', 'orders-db'];
      },
      path: 'services[0].uses[1]',
      message: /twice/,
    },
  ],
});
