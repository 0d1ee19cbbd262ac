import { runAppCallNeedsAllTraffic } from '../../src/rules/run-app-call-needs-all-traffic';
import { describeRule } from '../helpers/rule-cases';

const viaRunApp = (t: any) => { t.services[1].access = 'private-google-access'; t.projectNumber = '123456789012'; };

describeRule(runAppCallNeedsAllTraffic, {
  valid: [
    { name: 'private-ranges-only through the load balancer', mutate: () => undefined },
    { name: 'all-traffic to run.app', mutate: (t) => { viaRunApp(t); t.services[0].egress.route = 'all-traffic'; } },
    { name: 'private-ranges-only with the private run.app zone', mutate: (t) => { viaRunApp(t); t.dns = { runApp: true }; } },
  ],
  invalid: [
    { name: 'private-ranges-only to an internal service at run.app', mutate: viaRunApp, path: 'services[0].egress.route', message: /404/ },
    { name: 'private-ranges-only to a public service at run.app (warning)', mutate: (t) => { viaRunApp(t); t.services[1].ingress = 'all'; }, path: 'services[0].egress.route', severity: 'warning', message: /over the internet/ },
  ],
});
