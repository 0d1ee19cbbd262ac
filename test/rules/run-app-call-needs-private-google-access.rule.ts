import { runAppCallNeedsPrivateGoogleAccess } from '../../src/rules/run-app-call-needs-private-google-access';
import { describeRule } from '../helpers/rule-cases';

const viaRunApp = (t: any) => {
  t.services[1].access = 'private-google-access';
  t.projectNumber = '123456789012';
  t.services[0].egress.route = 'all-traffic';
};

describeRule(runAppCallNeedsPrivateGoogleAccess, {
  valid: [
    { name: 'PGA on by default', mutate: viaRunApp },
    {
      name: 'PGA off, private-ranges-only through a run.app zone on the PSC endpoint',
      mutate: (t) => {
        viaRunApp(t);
        t.services[0].egress.route = 'private-ranges-only';
        t.dns = { runApp: true };
        t.googleApis = { privateServiceConnect: { address: '10.255.255.254' } };
        t.network.subnets = { directVpc: { privateGoogleAccess: false } };
      },
    },
    {
      name: 'PGA off but the callee is behind the load balancer',
      mutate: (t) => {
        t.network.subnets = { directVpc: { privateGoogleAccess: false } };
      },
    },
  ],
  invalid: [
    {
      name: 'PGA off on the Direct VPC subnet',
      mutate: (t) => {
        viaRunApp(t);
        t.network.subnets = { directVpc: { privateGoogleAccess: false } };
      },
      path: 'network.subnets.directVpc.privateGoogleAccess',
    },
    {
      name: 'PGA off on the Direct VPC subnet of a private-ranges-only caller going through the private run.app zone',
      mutate: (t) => {
        viaRunApp(t);
        t.services[0].egress.route = 'private-ranges-only';
        t.dns = { runApp: true };
        t.network.subnets = { directVpc: { privateGoogleAccess: false } };
      },
      path: 'network.subnets.directVpc.privateGoogleAccess',
    },
    {
      name: "PGA off on the connector's subnet",
      mutate: (t) => {
        viaRunApp(t);
        t.services[0].egress.via = 'connector';
        t.network.subnets = { connector: { privateGoogleAccess: false } };
      },
      path: 'network.subnets.connector.privateGoogleAccess',
    },
  ],
});
