import { lbAddressMustBeUsable } from '../../src/rules/lb-address-must-be-usable';
import { describeRule } from '../helpers/rule-cases';

const pin = (address: string) => (t: any) => { t.services[1].loadBalancer = { address }; };

describeRule(lbAddressMustBeUsable, {
  valid: [
    { name: 'derived address', mutate: () => undefined },
    { name: 'a pinned usable address', mutate: pin('10.10.0.10') },
  ],
  invalid: [
    { name: 'outside the workload subnet', mutate: pin('10.20.0.10'), path: 'services[1].loadBalancer.address' },
    { name: 'the gateway address', mutate: pin('10.10.0.1'), path: 'services[1].loadBalancer.address', message: /reserve/ },
    { name: 'the broadcast address', mutate: pin('10.10.0.255'), path: 'services[1].loadBalancer.address' },
    { name: 'not an address', mutate: pin('server.internal'), path: 'services[1].loadBalancer.address' },
    { name: 'two load balancers on one address', mutate: (t) => { pin('10.10.0.10')(t); t.services[0].loadBalancer = { address: '10.10.0.10' }; }, path: 'services[1].loadBalancer.address', message: /already the address/ },
    { name: 'no room left in a /30', mutate: (t) => { t.network.subnets = { workload: { cidr: '10.10.0.0/30' } }; }, path: 'network.subnets.workload.cidr' },
  ],
});
