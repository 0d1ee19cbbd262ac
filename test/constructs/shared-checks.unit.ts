import { testApp } from '../helpers/synth';
import { Chart, Testing } from 'cdk8s';
import { validateTopology } from '../../src/validate/engine';
import { SubnetPurpose } from '../../src/choices';
import { InternalLoadBalancer } from '../../src/lb/internal-lb';
import { resolveTopology } from '../../src/model/resolve';
import { Network } from '../../src/network/network';
import { Subnet } from '../../src/network/subnet';
import { VpcConnector } from '../../src/serverless/vpc-connector';
import { baseTopology } from '../helpers/synth';

/*
 * A check that both a construct and a rule make is one function (src/input/connector-limits.ts,
 * src/model/lb-checks.ts): a TypeScript user's error and a topology user's finding say the same thing.
 */

/** The one message of `ruleId` on the base topology broken by `mutate`. */
function finding(ruleId: string, mutate: (t: any) => void): string {
  const t = baseTopology();
  mutate(t);
  const found = validateTopology(t).findings.filter((f) => f.ruleId === ruleId);
  expect(found).toHaveLength(1);
  return found[0].message;
}

/** The construct's error, with a subnet named and ranged as the topology's `role` subnet. */
function constructError(mutate: (t: any) => void, build: (chart: Chart, subnet: (role: 'workload' | 'connector') => Subnet) => void) {
  const t = baseTopology();
  mutate(t);
  const model = resolveTopology(t);
  const chart = new Chart(testApp(), 'test');
  const network = new Network(chart, 'Network', { name: model.network.name, project: model.project });
  const subnet = (role: 'workload' | 'connector') =>
    new Subnet(chart, role, { network, name: model.subnets[role].name, region: model.region, cidr: model.subnets[role].cidr });
  try {
    build(chart, subnet);
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the construct accepted it');
}

const proxyOnly = (chart: Chart, network: Network) =>
  new Subnet(chart, 'proxy', {
    network,
    name: 'proxy',
    region: 'asia-northeast1',
    cidr: '10.10.10.0/23',
    purpose: SubnetPurpose.REGIONAL_MANAGED_PROXY,
  });

describe('a check shared by a construct and a rule', () => {
  test("the connector's /28", () => {
    const mutate = (t: any) => {
      t.services[0].egress.via = 'connector';
      t.network.subnets = { connector: { cidr: '10.10.8.0/24' } };
    };
    const message = finding('connector-subnet-must-be-28', mutate);
    expect(message).toBe('connector subnet is 10.10.8.0/24 (/24); a connector takes exactly a /28');
    expect(
      constructError(mutate, (chart, subnet) => new VpcConnector(chart, 'Connector', { name: 'c', subnet: subnet('connector') })),
    ).toContain(message);
  });

  test.each([
    ['outside the subnet', '10.99.0.1', /^10\.99\.0\.1 is outside subnet "run-vpc-workload" \(10\.10\.0\.0\/24\)$/],
    ['reserved in it', '10.10.0.255', /^10\.10\.0\.255 is one of the four addresses GCP reserves in 10\.10\.0\.0\/24$/],
  ])("a load balancer's pinned address %s", (_name, address, words) => {
    const mutate = (t: any) => {
      t.services[1].loadBalancer = { address };
    };
    const message = finding('lb-address-must-be-usable', mutate);
    expect(message).toMatch(words);
    const error = constructError(mutate, (chart, subnet) => {
      const workload = subnet('workload');
      new InternalLoadBalancer(chart, 'Lb', {
        service: 'server-service',
        subnet: workload,
        proxyOnlySubnet: proxyOnly(chart, workload.network),
        address,
      });
    });
    expect(error).toContain(`address: ${message}`);
  });

  test('a load balancer that serves nothing', () => {
    const mutate = (t: any) => {
      t.services[1].loadBalancer = { http: false };
    };
    const message = finding('https-certificate-source', mutate);
    expect(message).toBe('"server-service"\'s load balancer serves neither HTTP nor HTTPS');
    const error = constructError(mutate, (chart, subnet) => {
      const workload = subnet('workload');
      new InternalLoadBalancer(chart, 'Lb', {
        service: 'server-service',
        subnet: workload,
        proxyOnlySubnet: proxyOnly(chart, workload.network),
        http: false,
      });
    });
    expect(error).toBe('InternalLoadBalancer server-service: serves neither HTTP nor HTTPS; set http or https');
  });
});
