import { httpsCertificateSource } from '../../src/rules/https-certificate-source';
import { describeRule } from '../helpers/rule-cases';

const lb = (loadBalancer: unknown) => (t: any) => {
  t.dns = { domain: 'internal.acme.example' };
  t.services[1].loadBalancer = loadBalancer;
};

describeRule(httpsCertificateSource, {
  valid: [
    { name: 'a certificate from a secret', mutate: lb({ https: { certificateSecret: 'tls' } }) },
    { name: 'an existing certificate, HTTPS only', mutate: lb({ https: { sslCertificate: 'server-cert' }, http: false }) },
  ],
  invalid: [
    { name: 'both sources', mutate: lb({ https: { certificateSecret: 'tls', sslCertificate: 'c' } }), path: 'services[1].loadBalancer.https', message: /both/ },
    { name: 'no source', mutate: lb({ https: {} }), path: 'services[1].loadBalancer.https', message: /no certificate/ },
    { name: 'neither HTTP nor HTTPS', mutate: lb({ http: false }), path: 'services[1].loadBalancer.http', message: /neither/ },
  ],
});
