import { directVpcNatColdStart } from '../../src/rules/direct-vpc-nat-cold-start';
import { describeRule } from '../helpers/rule-cases';

const egress = (via: string, internet: boolean) => (t: any) => {
  t.services[0].egress = { via, route: 'all-traffic' };
  t.services[0].internet = internet;
};

describeRule(directVpcNatColdStart, {
  valid: [
    { name: 'Direct VPC, no internet', mutate: egress('direct-vpc', false) },
    { name: 'internet through the connector', mutate: egress('connector', true) },
    {
      name: 'NAT disabled',
      mutate: (t) => {
        egress('direct-vpc', true)(t);
        t.network.nat = { enabled: false };
      },
    },
  ],
  invalid: [
    {
      name: 'internet through Cloud NAT on Direct VPC',
      mutate: egress('direct-vpc', true),
      path: 'services[0].egress.via',
      severity: 'warning',
      message: /30 seconds/,
    },
  ],
});
