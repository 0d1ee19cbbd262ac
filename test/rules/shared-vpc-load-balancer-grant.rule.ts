import { sharedVpcLoadBalancerGrant } from '../../src/rules/shared-vpc-load-balancer-grant';
import { describeRule } from '../helpers/rule-cases';

const shared = (t: any) => {
  t.projectNumber = '123456789012';
  t.network = {
    name: 'shared-vpc',
    project: 'net-host-prod',
    existing: true,
    subnets: {
      directVpc: { name: 'run-egress', cidr: '10.130.0.0/22' },
      workload: { name: 'ilb', cidr: '10.128.0.0/24' },
      proxyOnly: { name: 'proxy-only', cidr: '10.129.0.0/23' },
    },
  };
};

describeRule(sharedVpcLoadBalancerGrant, {
  valid: [
    { name: 'no Shared VPC', mutate: () => undefined },
    {
      name: "Shared VPC with Config Connector's account named",
      mutate: (t) => {
        shared(t);
        t.namespace = 'config-connector';
        t.delivery = { createNamespace: true, configConnectorServiceAccount: 'kcc@team-a.iam.gserviceaccount.com' };
      },
    },
    {
      name: 'Shared VPC without load balancers',
      mutate: (t) => {
        shared(t);
        t.services[1].access = 'private-google-access';
        t.services[0].egress.route = 'all-traffic';
      },
    },
  ],
  invalid: [
    { name: 'Shared VPC, load balancer, no account', mutate: shared, path: 'delivery.configConnectorServiceAccount', severity: 'warning' },
  ],
});
