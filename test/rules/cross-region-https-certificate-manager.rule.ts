import { crossRegionHttpsCertificateManager } from '../../src/rules/cross-region-https-certificate-manager';
import { describeRule } from '../helpers/rule-cases';
import { twoRegions } from '../helpers/synth';

describeRule(crossRegionHttpsCertificateManager, {
  valid: [
    { name: 'HTTP', mutate: (t) => twoRegions(t) },
    {
      name: 'a Certificate Manager certificate',
      mutate: (t) => {
        twoRegions(t);
        t.services[1].loadBalancer = { https: { certificateManagerCertificate: 'server-cert' } };
      },
    },
    {
      name: 'a Secret in one region',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.services[1].loadBalancer = { https: { certificateSecret: 'server-tls' } };
      },
    },
  ],
  invalid: [
    {
      name: 'shared mode: a Secret for the shared cross-region load balancer',
      mutate: (t) => {
        twoRegions(t);
        t.loadBalancing = { mode: 'shared', https: { certificateSecret: 'wildcard-tls' } };
      },
      path: 'loadBalancing.https.certificateSecret',
    },
    {
      name: 'a certificate from a Secret',
      mutate: (t) => {
        twoRegions(t);
        t.services[1].loadBalancer = { https: { certificateSecret: 'server-tls' } };
      },
      path: 'services[1].loadBalancer.https.certificateSecret',
    },
    {
      name: 'a Compute SSL certificate',
      mutate: (t) => {
        twoRegions(t);
        t.services[1].loadBalancer = { https: { sslCertificate: 'server-cert' } };
      },
      path: 'services[1].loadBalancer.https.sslCertificate',
    },
  ],
});
