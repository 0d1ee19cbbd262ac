import { looksSecret, secretEnvByReference } from '../../src/rules/secret-env-by-reference';
import { describeRule } from '../helpers/rule-cases';

describeRule(secretEnvByReference, {
  valid: [
    { name: 'ordinary variables', mutate: (t) => { t.services[0].env = { LOG_LEVEL: 'info', KEYCLOAK_URL: 'http://kc', MONKEY: 'x' }; } },
    { name: 'a secret by reference', mutate: (t) => { t.services[0].secrets = { DB_PASSWORD: { secret: 'db-password' } }; } },
  ],
  invalid: [
    { name: 'a literal password', mutate: (t) => { t.services[0].env = { DB_PASSWORD: 'hunter2' }; }, path: 'services[0].env.DB_PASSWORD', message: /looks like a secret/ },
    { name: 'a literal token', mutate: (t) => { t.services[1].env = { API_TOKEN: 'x' }; }, path: 'services[1].env.API_TOKEN' },
    { name: 'a literal key', mutate: (t) => { t.services[1].env = { stripe_key: 'x' }; }, path: 'services[1].env.stripe_key' },
    { name: 'a literal secret', mutate: (t) => { t.services[1].env = { CLIENT_SECRET: 'x' }; }, path: 'services[1].env.CLIENT_SECRET' },
  ],
});

test('secret-looking names are told by whole name parts, not substrings', () => {
  expect(['PASSWORD', 'DB_PASS', 'GITHUB_TOKEN', 'API_KEY', 'APIKEY', 'AWS_SECRET_ACCESS_KEY', 'GOOGLE_CREDENTIALS'].filter(looksSecret)).toHaveLength(7);
  expect(['KEYCLOAK_URL', 'MONKEY', 'TOKENIZER_MODEL', 'PASSENGER_LIMIT', 'SECRETARY_EMAIL'].filter(looksSecret)).toEqual([]);
});
