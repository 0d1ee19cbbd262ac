import { sharedVpcNetworkMustExist } from '../../src/rules/shared-vpc-network-must-exist';
import { describeRule } from '../helpers/rule-cases';

describeRule(sharedVpcNetworkMustExist, {
  valid: [
    { name: 'own network, created', mutate: () => undefined },
    { name: 'network.project is the project itself', mutate: (t) => (t.network.project = t.project) },
    {
      name: 'host network referenced',
      mutate: (t) => {
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
      },
    },
  ],
  invalid: [
    {
      name: 'host network without existing',
      mutate: (t) => {
        t.projectNumber = '123456789012';
        t.network.project = 'net-host-prod';
      },
      path: 'network.existing',
    },
    {
      name: 'host network with existing: false',
      mutate: (t) => {
        t.projectNumber = '123456789012';
        t.network.project = 'net-host-prod';
        t.network.existing = false;
      },
      path: 'network.existing',
    },
  ],
});
