import { pscAddressUsable } from '../../src/rules/psc-address-usable';
import { describeRule } from '../helpers/rule-cases';

const psc = (address: string) => (t: any) => {
  t.googleApis = { privateServiceConnect: { address } };
};

describeRule(pscAddressUsable, {
  valid: [
    { name: 'an address outside every range', mutate: psc('10.255.255.254') },
    { name: 'inside a subnet the topology does not create', mutate: psc('10.10.8.5') },
  ],
  invalid: [
    {
      name: 'inside the Direct VPC subnet',
      mutate: psc('10.10.4.9'),
      path: 'googleApis.privateServiceConnect.address',
      message: /inside 10\.10\.4\.0\/22/,
    },
    {
      name: 'a public address',
      mutate: psc('8.8.8.8'),
      path: 'googleApis.privateServiceConnect.address',
      message: /not an internal address/,
    },
    { name: 'not an address', mutate: psc('10.1.2'), path: 'googleApis.privateServiceConnect.address', message: /not an IPv4 address/ },
  ],
});
