import { looksSecret, nameWords, secretEnvByReference } from '../../src/rules/secret-env-by-reference';
import { describeRule } from '../helpers/rule-cases';

describeRule(secretEnvByReference, {
  valid: [
    {
      name: 'ordinary variables',
      mutate: (t) => {
        t.services[0].env = { LOG_LEVEL: 'info', KEYCLOAK_URL: 'http://kc', MONKEY: 'x' };
      },
    },
    {
      name: 'a secret by reference',
      mutate: (t) => {
        t.services[0].secrets = { DB_PASSWORD: { secret: 'db-password' } };
      },
    },
  ],
  invalid: [
    {
      name: 'a literal password',
      mutate: (t) => {
        t.services[0].env = { DB_PASSWORD: 'hunter2' };
      },
      path: 'services[0].env.DB_PASSWORD',
      message: /looks like a secret/,
    },
    {
      name: 'a literal token',
      mutate: (t) => {
        t.services[1].env = { API_TOKEN: 'x' };
      },
      path: 'services[1].env.API_TOKEN',
    },
    {
      name: 'a literal key',
      mutate: (t) => {
        t.services[1].env = { stripe_key: 'x' };
      },
      path: 'services[1].env.stripe_key',
    },
    {
      name: 'a literal secret',
      mutate: (t) => {
        t.services[1].env = { CLIENT_SECRET: 'x' };
      },
      path: 'services[1].env.CLIENT_SECRET',
    },
    {
      name: 'camelCase',
      mutate: (t) => {
        t.services[0].env = { dbPassword: 'x' };
      },
      path: 'services[0].env.dbPassword',
    },
    {
      name: 'glued words',
      mutate: (t) => {
        t.services[0].env = { AUTHTOKEN: 'x' };
      },
      path: 'services[0].env.AUTHTOKEN',
    },
  ],
});

test('names are split on underscores, camelCase humps and digits', () => {
  expect(nameWords('dbPassword')).toEqual(['DB', 'PASSWORD']);
  expect(nameWords('DBPassword_v2')).toEqual(['DB', 'PASSWORD', 'V', '2']);
  expect(nameWords('PASSWORD1')).toEqual(['PASSWORD', '1']);
  expect(nameWords('stripe.secretKey')).toEqual(['STRIPE', 'SECRET', 'KEY']);
});

const SECRET = [
  'PASSWORD',
  'DB_PASS',
  'GITHUB_TOKEN',
  'API_KEY',
  'APIKEY',
  'AWS_SECRET_ACCESS_KEY',
  'GOOGLE_CREDENTIALS',
  'dbPassword',
  'DBPASSWORD',
  'AUTHTOKEN',
  'PASSWORD1',
  'db_password_2',
  'apiKey',
  'stripeSecretKey',
  'ACCESSTOKEN',
  'SECRETKEY',
  'privateKey',
  'MYSQL_ROOT_PASSWD',
  'slackBotToken',
  'SMTP_PASSPHRASE',
  'SIGNINGKEY',
  'x-api-key',
  'refreshToken',
  'SESSION_SECRET',
  'JWTSECRET',
];
const ORDINARY = [
  'KEYCLOAK_URL',
  'MONKEY',
  'TOKENIZER_MODEL',
  'PASSENGER_LIMIT',
  'SECRETARY_EMAIL',
  'KEYSPACE',
  'TURKEY_REGION',
  'HOCKEY_TEAM',
  'BYPASS_CACHE',
  'COMPASS_URL',
  'PUBLIC_KEY',
  'publicKey',
  'KEYBOARD_LAYOUT',
  'PASSTHROUGH',
  'TOKENIZERS_PARALLELISM',
  'LOG_LEVEL',
  'PORT',
  'SERVER_SERVICE_URL',
  'SERVICE_ACCOUNT',
];

test.each(SECRET)('%s names a secret', (name) => {
  expect(looksSecret(name)).toBe(true);
});

test.each(ORDINARY)('%s is an ordinary name', (name) => {
  expect(looksSecret(name)).toBe(false);
});
