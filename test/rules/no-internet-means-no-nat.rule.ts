import { noInternetMeansNoNat } from '../../src/rules/no-internet-means-no-nat';
import { describeRule } from '../helpers/rule-cases';

const allTraffic = (via: string, internet?: boolean) => ({ via, route: 'all-traffic', ...(internet === undefined ? {} : { internet }) });
const services = (a: ReturnType<typeof allTraffic>, b: ReturnType<typeof allTraffic>) => (t: any) => {
  t.services[0].egress = { via: a.via, route: a.route };
  if (a.internet !== undefined) t.services[0].internet = a.internet;
  t.services[1].egress = { via: b.via, route: b.route };
  if (b.internet !== undefined) t.services[1].internet = b.internet;
};

describeRule(noInternetMeansNoNat, {
  valid: [
    { name: 'no service needs the internet', mutate: services(allTraffic('direct-vpc'), allTraffic('direct-vpc')) },
    {
      name: 'internet-bound on the connector, the other on Direct VPC',
      mutate: services(allTraffic('connector', true), allTraffic('direct-vpc')),
    },
    {
      name: 'internet-bound on Direct VPC, the other on the connector',
      mutate: services(allTraffic('direct-vpc', true), allTraffic('connector')),
    },
    { name: 'both need the internet', mutate: services(allTraffic('direct-vpc', true), allTraffic('direct-vpc', true)) },
    // With private-ranges-only, internet: false restricts nothing and NAT is not involved (see the README).
    {
      name: 'private-ranges-only beside an internet-bound service',
      mutate: (t) => {
        services(allTraffic('direct-vpc', true), allTraffic('direct-vpc'))(t);
        t.services[1].egress.route = 'private-ranges-only';
      },
    },
    {
      name: 'NAT disabled',
      mutate: (t) => {
        services(allTraffic('direct-vpc'), allTraffic('direct-vpc'))(t);
        t.network.nat = { enabled: false };
      },
    },
  ],
  invalid: [
    {
      name: 'Direct VPC: internet: false beside internet: true',
      mutate: services(allTraffic('direct-vpc', true), allTraffic('direct-vpc')),
      path: 'services[1].internet',
      message: /NAT works per subnet/,
    },
    {
      name: 'connector: internet: false beside internet: true',
      mutate: services(allTraffic('connector'), allTraffic('connector', true)),
      path: 'services[0].internet',
      message: /run-vpc-connector/,
    },
    {
      name: 'an explicit internet: false',
      mutate: services(allTraffic('direct-vpc', false), allTraffic('direct-vpc', true)),
      path: 'services[0].internet',
    },
  ],
});
