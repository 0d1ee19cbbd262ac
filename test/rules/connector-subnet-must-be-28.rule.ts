import { connectorSubnetMustBe28 } from '../../src/rules/connector-subnet-must-be-28';
import { describeRule } from '../helpers/rule-cases';
import { twoRegions } from '../helpers/synth';

const useConnector = (t: any) => {
  t.services[0].egress.via = 'connector';
};

describeRule(connectorSubnetMustBe28, {
  valid: [
    { name: 'default /28', mutate: useConnector },
    {
      name: 'a /24 connector subnet nobody uses',
      mutate: (t) => {
        t.network.subnets = { connector: { cidr: '10.10.8.0/24' } };
      },
    },
  ],
  invalid: [
    {
      name: "the second region's connector subnet",
      mutate: (t) => {
        twoRegions(t);
        t.network.connector = { name: 'conn' };
        t.services[0].egress = { via: 'connector' };
        t.network.regions = { 'asia-northeast2': { subnets: { connector: { cidr: '10.11.8.0/27' } } } };
      },
      path: 'network.regions.asia-northeast2.subnets.connector.cidr',
    },
    {
      name: 'a /24',
      mutate: (t) => {
        useConnector(t);
        t.network.subnets = { connector: { cidr: '10.10.8.0/24' } };
      },
      path: 'network.subnets.connector.cidr',
      message: /exactly a \/28/,
    },
    {
      name: 'a /29',
      mutate: (t) => {
        useConnector(t);
        t.network.subnets = { connector: { cidr: '10.10.8.0/29' } };
      },
      path: 'network.subnets.connector.cidr',
    },
  ],
});
