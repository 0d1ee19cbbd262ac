import { sharedVpcNeedsProjectNumber } from '../../src/rules/shared-vpc-needs-project-number';
import { describeRule } from '../helpers/rule-cases';

const shared = (t: any) => {
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

describeRule(sharedVpcNeedsProjectNumber, {
  valid: [
    { name: 'no Shared VPC', mutate: () => undefined },
    { name: 'network.project is the project itself', mutate: (t) => (t.network.project = t.project) },
    {
      name: 'Shared VPC with the project number',
      mutate: (t) => {
        shared(t);
        t.projectNumber = '123456789012';
      },
    },
  ],
  invalid: [
    { name: 'Shared VPC without the project number', mutate: shared, path: 'network.project', message: /projectNumber is not set/ },
  ],
});
