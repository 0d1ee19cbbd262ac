import { validNames } from '../../src/rules/valid-names';
import { describeRule } from '../helpers/rule-cases';

describeRule(validNames, {
  valid: [
    { name: 'the base topology', mutate: () => undefined },
    { name: 'a 49-character service name', mutate: (t) => { t.services[1].name = `s${'a'.repeat(48)}`; t.services[0].calls = [t.services[1].name]; } },
    { name: 'an invalid default subnet name that nothing needs', mutate: (t) => { t.network.subnets = { connector: { name: 'Not_Used' } }; } },
  ],
  invalid: [
    { name: 'service name with an underscore', mutate: (t) => { t.services[1].name = 'server_service'; t.services[0].calls = ['server_service']; }, path: 'services[1].name' },
    { name: 'service name of 50 characters', mutate: (t) => { t.services[0].name = `s${'a'.repeat(49)}`; }, path: 'services[0].name', message: /50 characters, more than 49/ },
    { name: 'service name ending with a hyphen', mutate: (t) => { t.services[0].name = 'client-'; }, path: 'services[0].name' },
    { name: 'network name in capitals', mutate: (t) => { t.network.name = 'RunVpc'; }, path: 'network.name' },
    { name: 'project ID too short', mutate: (t) => { t.project = 'acme'; }, path: 'project' },
    { name: 'region that is a zone-like string', mutate: (t) => { t.region = 'Tokyo'; }, path: 'region' },
    { name: 'explicit subnet name invalid', mutate: (t) => { t.network.subnets = { directVpc: { name: '9-direct' } }; }, path: 'network.subnets.directVpc.name' },
    { name: 'derived subnet name too long', mutate: (t) => { t.network.name = `n${'x'.repeat(55)}`; }, path: 'network.name', message: /more than 63/ },
    { name: 'derived connector name over 25 characters', mutate: (t) => { t.network.name = 'a-rather-long-network-name'; t.services[0].egress.via = 'connector'; }, path: 'network.name', message: /Serverless VPC Access connector name .* more than 25/ },
    { name: 'explicit connector name over 25 characters', mutate: (t) => { t.network.connector = { name: 'connector-with-a-long-name' }; t.services[0].egress.via = 'connector'; }, path: 'network.connector.name' },
  ],
});
