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
    { name: 'a versioned certificate from a secret', mutate: lb({ https: { certificateSecret: 'tls-2', certificateVersion: 2 } }) },
    { name: 'a Certificate Manager certificate', mutate: lb({ https: { certificateManagerCertificate: 'server' } }) },
  ],
  invalid: [
    {
      name: 'shared mode: two certificate sources',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.loadBalancing = { mode: 'shared', https: { sslCertificate: 'a', certificateManagerCertificate: 'b' } };
      },
      path: 'loadBalancing.https',
    },
    {
      name: 'shared mode: neither HTTP nor HTTPS',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.loadBalancing = { mode: 'shared', http: false };
      },
      path: 'loadBalancing.http',
    },
    {
      name: 'two sources',
      mutate: lb({ https: { certificateSecret: 'tls', sslCertificate: 'c' } }),
      path: 'services[1].loadBalancer.https',
      message: /certificateSecret and sslCertificate/,
    },
    {
      name: 'SSL and Certificate Manager certificates together (the proxy takes one kind)',
      mutate: lb({ https: { sslCertificate: 'c', certificateManagerCertificate: 'm' } }),
      path: 'services[1].loadBalancer.https',
      message: /sslCertificate and certificateManagerCertificate/,
    },
    {
      name: 'a version on an existing certificate',
      mutate: lb({ https: { sslCertificate: 'c', certificateVersion: 2 } }),
      path: 'services[1].loadBalancer.https.certificateVersion',
      message: /does not create/,
    },
    { name: 'no source', mutate: lb({ https: {} }), path: 'services[1].loadBalancer.https', message: /no certificate/ },
    { name: 'neither HTTP nor HTTPS', mutate: lb({ http: false }), path: 'services[1].loadBalancer.http', message: /neither/ },
  ],
});
