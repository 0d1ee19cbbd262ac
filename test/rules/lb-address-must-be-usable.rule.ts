import { lbAddressMustBeUsable } from '../../src/rules/lb-address-must-be-usable';
import { describeRule } from '../helpers/rule-cases';
import { twoRegions } from '../helpers/synth';
import { parseCidr } from '../../src/cidr';
import { derivedAddress } from '../../src/model/addresses';
import { lbAddressMustBeUsable as rule } from '../../src/rules/lb-address-must-be-usable';
import { validateTopology } from '../../src/validate/engine';
import { baseTopology } from '../helpers/synth';

/** Two service names whose derived addresses in `cidr` meet. */
function meeting(cidr: string): [string, string] {
  const seen = new Map<string, string>();
  for (let i = 0; ; i++) {
    const name = `svc-${i}`;
    const address = derivedAddress(parseCidr(cidr), name)!;
    const first = seen.get(address);
    if (first) return [first, name];
    seen.set(address, name);
  }
}

test('a collision names a free address to pin, and pinning it resolves the finding', () => {
  const t = baseTopology();
  t.network.subnets = { workload: { cidr: '10.10.0.0/29' } };
  const [a, b] = meeting('10.10.0.0/29');
  Object.assign(t.services[0], { name: a, calls: [b], loadBalancer: {} });
  t.services[1].name = b;
  const [finding] = validateTopology(t).findings.filter((f) => f.ruleId === rule.id);
  const free = /e\.g\. (\S+)/.exec(finding.fix)![1];
  expect(free).not.toBe(derivedAddress(parseCidr('10.10.0.0/29'), a));
  t.services[1].loadBalancer = { address: free };
  expect(validateTopology(t).findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
});

const pin = (address: string) => (t: any) => {
  t.services[1].loadBalancer = { address };
};

describeRule(lbAddressMustBeUsable, {
  valid: [
    {
      name: 'shared mode: one address for many callees is no collision',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.loadBalancing = { mode: 'shared' };
        for (const name of ['a-service', 'b-service', 'c-service']) {
          t.services.push({ name, image: t.services[1].image });
          t.services[0].calls.push(name);
        }
      },
    },
    { name: 'derived address', mutate: () => undefined },
    { name: 'a pinned usable address', mutate: pin('10.10.0.10') },
  ],
  invalid: [
    {
      name: 'shared mode: the shared address pinned outside the workload subnet',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.loadBalancing = { mode: 'shared', address: '10.99.0.5' };
      },
      path: 'loadBalancing.address',
      message: /outside subnet "[a-z-]+-workload" \(10\.10\.0\.0\/24\)/,
    },
    { name: 'outside the workload subnet', mutate: pin('10.20.0.10'), path: 'services[1].loadBalancer.address' },
    { name: 'the gateway address', mutate: pin('10.10.0.1'), path: 'services[1].loadBalancer.address', message: /reserve/ },
    { name: 'the broadcast address', mutate: pin('10.10.0.255'), path: 'services[1].loadBalancer.address' },
    { name: 'not an address', mutate: pin('server.internal'), path: 'services[1].loadBalancer.address' },
    {
      name: 'two load balancers on one address',
      mutate: (t) => {
        pin('10.10.0.10')(t);
        t.services[0].loadBalancer = { address: '10.10.0.10' };
      },
      path: 'services[1].loadBalancer.address',
      message: /already the address/,
    },
    {
      name: 'a derived address meets a pinned one: the derived one is asked to pin',
      mutate: (t) => {
        t.services[1].loadBalancer = {};
        t.services[0].loadBalancer = { address: derivedAddress(parseCidr('10.10.0.0/24'), 'server-service') };
      },
      path: 'services[1].loadBalancer.address',
      message: /already the address|derived from "server-service"/,
    },
    {
      name: 'two derived addresses meet in a small subnet',
      mutate: (t) => {
        t.network.subnets = { workload: { cidr: '10.10.0.0/29' } };
        const [a, b] = meeting('10.10.0.0/29');
        t.services[0].name = a;
        t.services[1].name = b;
        t.services[0].calls = [b];
        t.services[0].loadBalancer = {};
      },
      path: 'services[1].loadBalancer.address',
      message: /derived from/,
    },
    {
      name: 'no room left in a /30',
      mutate: (t) => {
        t.network.subnets = { workload: { cidr: '10.10.0.0/30' } };
      },
      path: 'network.subnets.workload.cidr',
    },
  ],
});

// In a /26 second region, 10.10.0.200's place does not exist, so server-service derives one there; client-service pinned
// at that same place in the first region's range meets it.
const meetingInSecondRegion = derivedAddress(parseCidr('10.11.0.0/26'), 'server-service')!.replace(/^10\.11\./, '10.10.');

describeRule(lbAddressMustBeUsable, {
  valid: [{ name: 'two regions: each frontend takes its first-region address place', mutate: (t) => twoRegions(t) }],
  invalid: [
    {
      name: 'two regions: a smaller later range makes two frontends meet',
      mutate: (t) => {
        twoRegions(t);
        t.services[0].loadBalancer = { address: meetingInSecondRegion };
        t.services[1].loadBalancer = { address: '10.10.0.200' };
        t.network.regions = { 'asia-northeast2': { subnets: { workload: { cidr: '10.11.0.0/26' } } } };
      },
      path: 'services[1].loadBalancer.address',
      message: /in asia-northeast2/,
    },
  ],
});
