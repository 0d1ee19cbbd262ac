import { hostProblem, validBackendHost } from '../../src/rules/valid-backend-host';
import { describeRule } from '../helpers/rule-cases';

const endpoint = (host: string) => (t: any) => {
  t.backends = [{ name: 'db', endpoint: { host, port: 5432 } }];
};

describeRule(validBackendHost, {
  valid: [
    { name: 'an address', mutate: endpoint('10.20.0.5') },
    { name: 'a host name', mutate: endpoint('orders-db.internal.acme.example') },
    {
      name: 'a Redis host read after apply',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: {}, host: '10.40.0.3' }];
      },
    },
  ],
  invalid: [
    { name: 'Markdown that would leave the diagram fence', mutate: endpoint('db\n```\n# pwned'), path: 'backends[0].endpoint.host' },
    {
      name: 'a host with a port',
      mutate: endpoint('10.20.0.5:5432'),
      path: 'backends[0].endpoint.host',
      message: /neither an IPv4 address nor a DNS host name/,
    },
    { name: 'a URL', mutate: endpoint('http://db.internal'), path: 'backends[0].endpoint.host' },
    { name: 'an address with a leading zero', mutate: endpoint('10.020.0.5'), path: 'backends[0].endpoint.host', message: /leading zero/ },
    {
      name: 'a Redis host override with a space',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: {}, host: '10.40.0.3 x' }];
      },
      path: 'backends[0].host',
    },
  ],
});

test.each([
  ['10.0.0.1', true],
  ['db', true],
  ['3com.example', true],
  ['a-b.c-d.example', true],
  ['256.1.1.1', false],
  ['1.2.3', false],
  ['-db.example', false],
  ['db-.example', false],
  ['db..example', false],
  ['db_1.example', false],
  [`${'a'.repeat(64)}.example`, false],
  ['db\r\nx', false],
  ['"db"', false],
])('%s is a host: %s', (host, ok) => {
  expect(hostProblem(host) === undefined).toBe(ok);
});
