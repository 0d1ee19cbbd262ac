import { httpsNeedsPrivateDns } from '../../src/rules/https-needs-private-dns';
import { describeRule } from '../helpers/rule-cases';

describeRule(httpsNeedsPrivateDns, {
  valid: [
    {
      name: 'shared mode without DNS is shared-lb-needs-dns-domain, not this rule',
      mutate: (t) => {
        t.loadBalancing = { mode: 'shared', https: { sslCertificate: 'wildcard' } };
      },
    },
    { name: 'HTTP without DNS', mutate: () => undefined },
    {
      name: 'HTTPS with DNS',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.services[1].loadBalancer = { https: { certificateSecret: 'tls' } };
      },
    },
  ],
  invalid: [
    {
      name: 'HTTPS without DNS',
      mutate: (t) => {
        t.services[1].loadBalancer = { https: { certificateSecret: 'tls' } };
      },
      path: 'services[1].loadBalancer.https',
      message: /no certificate names/,
    },
  ],
});
