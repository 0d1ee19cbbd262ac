import { envDoesNotShadow } from '../../src/rules/env-does-not-shadow';
import { describeRule } from '../helpers/rule-cases';

describeRule(envDoesNotShadow, {
  valid: [
    {
      name: 'ordinary variables',
      mutate: (t) => {
        t.services[0].env = { LOG_LEVEL: 'info' };
      },
    },
    {
      name: 'a _URL variable of a service it does not call',
      mutate: (t) => {
        t.services[1].env = { CLIENT_SERVICE_URL: 'x' };
      },
    },
  ],
  invalid: [
    {
      name: 'a secret and a literal of one name',
      mutate: (t) => {
        t.services[1].env = { DB_USER: 'app' };
        t.services[1].secrets = { DB_USER: { secret: 'db-user' } };
      },
      path: 'services[1].secrets.DB_USER',
      message: /also set at services\[1\]\.env\.DB_USER/,
    },
    {
      name: "a literal named like a used backend's host",
      mutate: (t) => {
        t.backends = [{ name: 'cache', endpoint: { host: '10.0.0.9', port: 6379 } }];
        t.services[0].uses = ['cache'];
        t.services[0].env = { CACHE_HOST: 'x' };
      },
      path: 'services[0].env.CACHE_HOST',
      message: /backend "cache"/,
    },
    {
      name: 'two backends that set the same variable',
      mutate: (t) => {
        t.backends = [
          { name: 'a-db', endpoint: { host: '10.0.0.9', port: 1 } },
          { name: 'b-db', endpoint: { host: '10.0.0.8', port: 1 }, env: { host: 'A_DB_HOST' } },
        ];
        t.services[0].uses = ['a-db', 'b-db'];
      },
      path: 'services[0].uses[1]',
      message: /would set A_DB_HOST/,
    },
    {
      name: 'PORT',
      mutate: (t) => {
        t.services[0].env = { PORT: '9000' };
      },
      path: 'services[0].env.PORT',
      message: /set by Cloud Run/,
    },
    {
      name: 'K_SERVICE',
      mutate: (t) => {
        t.services[1].env = { K_SERVICE: 'x' };
      },
      path: 'services[1].env.K_SERVICE',
    },
    {
      name: 'the injected URL variable',
      mutate: (t) => {
        t.services[0].env = { SERVER_SERVICE_URL: 'http://elsewhere' };
      },
      path: 'services[0].env.SERVER_SERVICE_URL',
    },
  ],
});
