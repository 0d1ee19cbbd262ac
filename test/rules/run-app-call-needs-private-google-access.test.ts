import { runAppCallNeedsPrivateGoogleAccess } from '../../src/rules/run-app-call-needs-private-google-access';
import { describeRule } from '../helpers/rule-cases';

const viaRunApp = (t: any) => { t.services[1].access = 'private-google-access'; t.projectNumber = '123456789012'; t.services[0].egress.route = 'all-traffic'; };

describeRule(runAppCallNeedsPrivateGoogleAccess, {
  valid: [
    { name: 'PGA on by default', mutate: viaRunApp },
    { name: 'PGA off but the callee is behind the load balancer', mutate: (t) => { t.network.subnets = { directVpc: { privateGoogleAccess: false } }; } },
  ],
  invalid: [
    { name: 'PGA off on the Direct VPC subnet', mutate: (t) => { viaRunApp(t); t.network.subnets = { directVpc: { privateGoogleAccess: false } }; }, path: 'network.subnets.directVpc.privateGoogleAccess' },
    { name: "PGA off on the connector's subnet", mutate: (t) => { viaRunApp(t); t.services[0].egress.via = 'connector'; t.network.subnets = { connector: { privateGoogleAccess: false } }; }, path: 'network.subnets.connector.privateGoogleAccess' },
  ],
});
