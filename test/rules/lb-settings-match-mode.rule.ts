import { lbSettingsMatchMode } from '../../src/rules/lb-settings-match-mode';
import { describeRule } from '../helpers/rule-cases';

const shared = (t: any, settings: Record<string, unknown> = {}) => {
  t.dns = { domain: 'internal.acme.example' };
  t.loadBalancing = { mode: 'shared', ...settings };
};

describeRule(lbSettingsMatchMode, {
  valid: [
    { name: 'per-service settings in per-service mode', mutate: (t) => (t.services[1].loadBalancer = { address: '10.10.0.20' }) },
    { name: 'per-service, mode written out', mutate: (t) => (t.loadBalancing = { mode: 'per-service' }) },
    {
      name: 'shared settings in shared mode',
      mutate: (t) => shared(t, { address: '10.10.0.20', name: 'edge', https: { sslCertificate: 'wildcard' }, http: true }),
    },
    {
      name: 'an empty loadBalancer in shared mode (behind it without a caller)',
      mutate: (t) => {
        shared(t);
        t.services[0].loadBalancer = {};
      },
    },
  ],
  invalid: [
    {
      name: 'a per-service address pin in shared mode',
      mutate: (t) => {
        shared(t);
        t.services[1].loadBalancer = { address: '10.10.0.20' };
      },
      path: 'services[1].loadBalancer.address',
      message: /behind the shared load balancer/,
    },
    {
      name: 'per-service https in shared mode',
      mutate: (t) => {
        shared(t);
        t.services[1].loadBalancer = { https: { sslCertificate: 'server' } };
      },
      path: 'services[1].loadBalancer.https',
    },
    {
      name: 'per-service http in shared mode',
      mutate: (t) => {
        shared(t);
        t.services[1].loadBalancer = { http: true };
      },
      path: 'services[1].loadBalancer.http',
    },
    {
      name: 'a shared address in per-service mode',
      mutate: (t) => (t.loadBalancing = { address: '10.10.0.20' }),
      path: 'loadBalancing.address',
      message: /mode: per-service/,
    },
    {
      name: 'a shared name in per-service mode',
      mutate: (t) => (t.loadBalancing = { mode: 'per-service', name: 'edge' }),
      path: 'loadBalancing.name',
    },
  ],
});
