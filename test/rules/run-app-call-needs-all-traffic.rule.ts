import { runAppCallNeedsAllTraffic } from '../../src/rules/run-app-call-needs-all-traffic';
import { describeRule } from '../helpers/rule-cases';

const viaRunApp = (t: any) => {
  t.services[1].access = 'private-google-access';
  t.projectNumber = '123456789012';
};
const caller =
  (via: string, route = 'private-ranges-only') =>
  (t: any) => {
    viaRunApp(t);
    t.services[0].egress = { via, route };
  };
const zone = (target: 'none' | 'vips' | 'psc') => (t: any) => {
  if (target !== 'none') t.dns = { runApp: true };
  if (target === 'psc') t.googleApis = { privateServiceConnect: { address: '10.255.255.254' } };
};
const both =
  (...steps: Array<(t: any) => void>) =>
  (t: any) =>
    steps.forEach((s) => s(t));

// The table the rule encodes: caller path × what the private run.app zone resolves to.
describeRule(runAppCallNeedsAllTraffic, {
  valid: [
    { name: 'private-ranges-only through the load balancer', mutate: () => undefined },
    { name: 'all-traffic, Direct VPC, no zone', mutate: caller('direct-vpc', 'all-traffic') },
    { name: 'all-traffic, connector, no zone', mutate: caller('connector', 'all-traffic') },
    { name: 'private-ranges-only, Direct VPC, zone to the Private Google Access VIPs', mutate: both(caller('direct-vpc'), zone('vips')) },
    { name: 'private-ranges-only, Direct VPC, zone to the PSC endpoint', mutate: both(caller('direct-vpc'), zone('psc')) },
    { name: 'private-ranges-only, connector, zone to the PSC endpoint', mutate: both(caller('connector'), zone('psc')) },
  ],
  invalid: [
    { name: 'private-ranges-only, Direct VPC, no zone', mutate: caller('direct-vpc'), path: 'services[0].egress.route', message: /404/ },
    {
      name: 'private-ranges-only, connector, no zone',
      mutate: caller('connector'),
      path: 'services[0].egress.route',
      message: /public addresses/,
    },
    {
      name: 'private-ranges-only, connector, zone to the Private Google Access VIPs',
      mutate: both(caller('connector'), zone('vips')),
      path: 'services[0].egress.route',
      message: /199\.36\.153\.8\/30\), outside the RFC 1918\/6598 ranges a connector routes/,
    },
    {
      name: 'a public callee: warning, over the internet',
      mutate: both(caller('direct-vpc'), (t) => {
        t.services[1].ingress = 'all';
      }),
      path: 'services[0].egress.route',
      severity: 'warning',
      message: /over the internet/,
    },
    {
      name: 'a public callee from a connector through the VIPs: warning',
      mutate: both(caller('connector'), zone('vips'), (t) => {
        t.services[1].ingress = 'all';
      }),
      path: 'services[0].egress.route',
      severity: 'warning',
      message: /connector/,
    },
  ],
});
