import { secretValueInEnv, secretValueKind, shannonEntropy } from '../../src/rules/secret-value-in-env';
import { runOn } from '../helpers/cli-run';
import { describeRule } from '../helpers/rule-cases';
import { baseTopology } from '../helpers/synth';

// Made-up values in the documented shapes (AKIAIOSFODNN7EXAMPLE is AWS's own documentation example).
const FAKE = {
  stripe: `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`,
  github: `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A'}`,
  githubPat: `github_pat_${'11AAAAAAA0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789'}`,
  aws: 'AKIAIOSFODNN7EXAMPLE',
  slack: `xoxb-${'123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'}`,
  pem: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
  pkcs8: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
  random: 'q8ZfL2rT9xVb1NcW4kYp7HdJ3sGm6QeA',
  url: 'postgres://orders:s3cr3t-pw@10.20.0.5:5432/orders',
};

describeRule(secretValueInEnv, {
  valid: [
    {
      name: 'ordinary values',
      mutate: (t) => {
        t.services[0].env = { LOG_LEVEL: 'info', KC: 'https://kc.internal/auth' };
      },
    },
  ],
  invalid: [
    {
      name: 'a GitHub token under an innocent name',
      mutate: (t) => {
        t.services[0].env = { GH: FAKE.github };
      },
      path: 'services[0].env.GH',
      severity: 'warning',
      message: /looks like a GitHub token \(not shown\)/,
    },
    {
      name: 'a PEM private key',
      mutate: (t) => {
        t.services[1].env = { TLS: FAKE.pem };
      },
      path: 'services[1].env.TLS',
      severity: 'warning',
      message: /PEM private key/,
    },
  ],
});

test.each(Object.entries(FAKE))('%s is recognised', (_kind, value) => {
  expect(secretValueKind(value)).toEqual(expect.any(String));
});

test.each([
  'info',
  'https://kc.internal/auth',
  'asia-northeast1-docker.pkg.dev/acme-prod/run/api:1.0.0',
  '123e4567-e89b-12d3-a456-426614174000', // a UUID
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', // a SHA-256 in hex
  '9fceb02d0ae598e95dc970b74767f19372d61af8', // a git commit
  'internal-and-cloud-load-balancing',
  'com.example.orders.OrdersApplication',
  'projects/acme-prod/locations/asia-northeast1',
  'The quick brown fox jumps over the lazy dog',
  '{"level":"info","format":"json"}',
  'SKY_LIVE_DATA',
  'akia',
  'http://user@proxy.internal:3128', // a user without a password
])('%s is an ordinary value', (value) => {
  expect(secretValueKind(value)).toBeUndefined();
});

test('entropy: one symbol is 0 bits, 32 distinct symbols are 5', () => {
  expect(shannonEntropy('aaaa')).toBe(0);
  expect(shannonEntropy(FAKE.random)).toBeCloseTo(5);
});

test('the CLI warns, exits 0 and never prints the value', async () => {
  const t = baseTopology();
  t.services[0].env = { A: FAKE.stripe, B: FAKE.url };
  for (const json of [false, true]) {
    const r = await runOn('check', t, json ? ['--json'] : []);
    expect(r.code).toBe(0);
    const printed = r.out + r.err;
    expect(printed).toMatch(/looks like a Stripe secret key \(not shown\)/);
    expect(printed).toMatch(/looks like a URL with a password in it/);
    expect(printed).not.toContain(FAKE.stripe);
    expect(printed).not.toContain('s3cr3t-pw');
  }
});
