import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateTopology } from '../../src/validate/engine';
import { callPath, declaredPaths, internetPath, PathProof, sharedAccountCalls, undeclaredCalls, usePath } from '../../src/model/paths';
import { MODEL_RULES } from '../../src/rules';
import { baseTopology } from '../helpers/synth';

function model(mutate: (t: any) => void = () => undefined) {
  const t = baseTopology();
  t.projectNumber = '123456789012';
  mutate(t);
  const { model } = validateTopology(t);
  if (!model) throw new Error('topology has the wrong shape');
  return model;
}

const call = (m: ReturnType<typeof model>, from: string, to: string) => callPath(m, m.servicesByName.get(from)!, m.servicesByName.get(to)!);
const hop = (p: PathProof, kind: string) => p.hops.find((h) => h.kind === kind)!;
const runApp = (t: any) => (t.services[1].access = 'private-google-access');

describe('call through the internal load balancer', () => {
  test('the base call is proven hop by hop: egress, route, dns, load balancer, NEG, ingress, IAM', () => {
    const m = model();
    const [p] = declaredPaths(m);
    expect(p.hops.map((h) => h.kind)).toEqual(['egress', 'route', 'dns', 'load-balancer', 'neg', 'ingress', 'iam']);
    expect([p.reachable, p.private, p.authorized, p.broken]).toEqual([true, true, true, undefined]);
    expect(hop(p, 'load-balancer').detail).toContain(m.servicesByName.get('server-service')!.loadBalancer!.address!);
  });

  // The internal ALB's address is in the VPC only: no VPC egress, no route to it
  // (https://cloud.google.com/run/docs/securing/ingress#settings).
  test('egress: without VPC egress the address is unreachable, reported by caller-needs-vpc-egress', () => {
    const p = declaredPaths(model((t) => (t.services[0].egress = { via: 'none' })))[0];
    expect(p.broken?.kind).toBe('egress');
    expect(p.broken?.broken).toMatchObject({ verdict: 'reachable', path: 'services[0].calls[0]', reportedBy: 'caller-needs-vpc-egress' });
  });

  // private-ranges-only sends only RFC 1918/6598 destinations into the VPC
  // (https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#direct-vpc-egress).
  test('route: a load balancer address outside the internal ranges is unreachable with private-ranges-only', () => {
    const p = declaredPaths(model((t) => (t.network.subnets = { workload: { cidr: '8.8.8.0/24' } })))[0];
    expect(p.broken?.kind).toBe('route');
    expect(p.broken?.broken?.reportedBy).toBe('cidr-must-be-private');
  });

  // A certificate names a host: HTTPS needs the private zone's name (https://cloud.google.com/dns/docs/zones#create-private-zone).
  test('dns: the name is resolved by the private zone; HTTPS without one breaks, reported by https-needs-private-dns', () => {
    const withZone = declaredPaths(model((t) => (t.dns = { domain: 'internal.acme.example' })))[0];
    expect(hop(withZone, 'dns').detail).toMatch(/^server-service\.internal\.acme\.example resolved by private zone run-vpc-private/);
    const https = (t: any) => (t.services[1].loadBalancer = { https: { sslCertificate: 'projects/p/regions/r/sslCertificates/c' } });
    const p = declaredPaths(model(https))[0];
    expect(p.broken?.kind).toBe('dns');
    expect(p.broken?.broken?.reportedBy).toBe('https-needs-private-dns');
  });

  // Every ingress setting admits an internal Application Load Balancer (https://cloud.google.com/run/docs/securing/ingress#settings).
  test.each(['internal', 'internal-and-cloud-load-balancing', 'all'])('ingress %s admits the internal load balancer', (ingress) => {
    const p = declaredPaths(model((t) => (t.services[1].ingress = ingress)))[0];
    expect(hop(p, 'ingress').reachable).toBe(true);
    expect(hop(p, 'ingress').docUrl).toBe('https://cloud.google.com/run/docs/securing/ingress#settings');
  });
});

describe('call at the *.run.app URL', () => {
  // Without a private zone *.run.app resolves publicly; private-ranges-only sends it out, and an internal callee
  // sees an external request (https://cloud.google.com/run/docs/configuring/networking-best-practices).
  test('route: private-ranges-only without a private run.app zone leaves the VPC, reported by run-app-call-needs-all-traffic', () => {
    const p = declaredPaths(model(runApp))[0];
    expect(p.broken?.kind).toBe('route');
    expect(p.broken?.broken).toMatchObject({
      verdict: 'reachable',
      path: 'services[0].egress.route',
      reportedBy: 'run-app-call-needs-all-traffic',
    });
    const open = declaredPaths(model((t) => (runApp(t), (t.services[1].ingress = 'all'))))[0];
    expect([open.reachable, open.private, open.broken?.broken?.warning]).toEqual([true, false, true]);
  });

  // Routed into the VPC, run.app is reached through Private Google Access (https://cloud.google.com/vpc/docs/private-google-access).
  test('subnet: all-traffic needs Private Google Access on the egress subnet', () => {
    const allTraffic = (t: any) => (runApp(t), (t.services[0].egress.route = 'all-traffic'));
    expect(declaredPaths(model(allTraffic))[0].broken).toBeUndefined();
    const off = declaredPaths(model((t) => (allTraffic(t), (t.network.subnets = { directVpc: { privateGoogleAccess: false } }))))[0];
    expect(off.broken?.kind).toBe('subnet');
    expect(off.broken?.broken?.reportedBy).toBe('run-app-call-needs-private-google-access');
  });

  // A connector routes only RFC 1918/6598; 199.36.153.8/30 is neither (https://cloud.google.com/vpc/docs/serverless-vpc-access).
  test('dns + route: the private run.app zone to the VIPs serves Direct VPC but not a connector with private-ranges-only', () => {
    const zone = (t: any) => (runApp(t), (t.dns = { runApp: true }));
    const direct = declaredPaths(model(zone))[0];
    expect(hop(direct, 'dns').detail).toContain('199.36.153.8/30');
    expect(direct.broken).toBeUndefined();
    const conn = declaredPaths(
      model((t) => (zone(t), (t.services[0].egress = { via: 'connector' }), delete t.services[0].startupProbe)),
    )[0];
    expect(conn.broken?.kind).toBe('route');
  });

  // A PSC endpoint's internal address is routed into the VPC on both paths (https://cloud.google.com/vpc/docs/configure-private-service-connect-apis).
  test('dns: with Private Service Connect the name resolves to the endpoint, reachable from a connector too', () => {
    const p = declaredPaths(
      model((t) => {
        runApp(t);
        t.dns = { runApp: true };
        t.googleApis = { privateServiceConnect: { address: '10.99.0.5' } };
        t.services[0].egress = { via: 'connector' };
        delete t.services[0].startupProbe;
      }),
    )[0];
    expect(hop(p, 'dns').detail).toContain('Private Service Connect endpoint 10.99.0.5');
    expect(p.broken).toBeUndefined();
  });

  // Without VPC egress the request goes to Google's public address as if from the internet; only ingress all admits it.
  test('egress: no VPC egress to an ingress-all callee is reachable but not private, and no other rule reports it', () => {
    const p = declaredPaths(model((t) => (runApp(t), (t.services[1].ingress = 'all'), (t.services[0].egress = { via: 'none' }))))[0];
    expect([p.reachable, p.private]).toEqual([true, false]);
    expect(p.broken?.kind).toBe('egress');
    expect(p.broken?.broken?.reportedBy).toBeUndefined();
  });
});

describe('IAM invoker (https://cloud.google.com/run/docs/authenticating/service-to-service)', () => {
  const third = {
    name: 'report-service',
    image: 'asia-northeast1-docker.pkg.dev/acme-prod/run/report:1.0.0',
    egress: { via: 'direct-vpc' },
  };
  test('a declared caller is authorized; an undeclared one is reachable over the network and refused', () => {
    const m = model((t) => t.services.push({ ...third }));
    expect(hop(call(m, 'client-service', 'server-service'), 'iam').authorized).toBe(true);
    const other = call(m, 'report-service', 'server-service');
    expect([other.declared, other.reachable, other.authorized]).toEqual([false, true, false]);
    expect(other.broken?.kind).toBe('iam');
    expect(undeclaredCalls(m).filter((p) => p.reachable && p.authorized)).toEqual([]);
  });
  test('public and invokers authorize undeclared callers (deliberately)', () => {
    const m = model((t) => {
      t.services.push({ ...third, serviceAccount: 'report@acme-prod.iam.gserviceaccount.com' });
      t.services[1].invokers = ['serviceAccount:report@acme-prod.iam.gserviceaccount.com'];
    });
    expect(call(m, 'report-service', 'server-service').authorized).toBe(true);
  });
});

describe('use of a backend (network only)', () => {
  // Private backends are reached only through VPC egress (https://cloud.google.com/memorystore/docs/redis/connect-redis-instance-cloud-run).
  test('egress, route and address range; no IAM hop', () => {
    const m = model((t) => {
      t.backends = [{ name: 'cache', redis: { connectMode: 'private-service-access' } }];
      t.services[0].uses = ['cache'];
    });
    const p = declaredPaths(m).find((x) => x.kind === 'use')!;
    expect(p.hops.map((h) => h.kind)).toEqual(['egress', 'route', 'address']);
    expect(hop(p, 'address').detail).toContain('private services access (10.30.0.0/20)');
    expect(p.authorized).toBe(true);
  });
  test('a public address with private-ranges-only goes to the internet, reported by backend-user-needs-vpc-egress', () => {
    const m = model((t) => {
      t.backends = [{ name: 'db', endpoint: { host: '35.1.2.3', port: 5432 } }];
      t.services[0].uses = ['db'];
    });
    const p = usePath(m, m.services[0], m.backends[0], 'services[0].uses[0]');
    expect(p.broken?.kind).toBe('route');
    expect(p.broken?.broken?.reportedBy).toBe('backend-user-needs-vpc-egress');
  });
});

describe('internet', () => {
  // https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#direct-vpc-egress and .../static-outbound-ip
  test('private-ranges-only reaches the internet through Cloud Run directly; all-traffic through NAT or not at all', () => {
    const m = model((t) => {
      t.services[1].egress = { via: 'connector', route: 'all-traffic' };
      t.services[1].internet = true;
    });
    expect(internetPath(m, m.services[0]).way).toBe('cloud-run');
    expect(internetPath(m, m.services[1]).way).toBe('nat');
    const none = model((t) => (t.services[0].egress.route = 'all-traffic'));
    expect(internetPath(none, none.services[0]).way).toBe('none');
  });
});

test('every rule a hop names as reportedBy exists', () => {
  const ids = new Set(MODEL_RULES.map((r) => r.id));
  const named = ['caller-needs-vpc-egress', 'cidr-must-be-private', 'https-needs-private-dns', 'lb-address-must-be-usable'];
  named.push('run-app-call-needs-all-traffic', 'run-app-call-needs-private-google-access', 'backend-user-needs-vpc-egress');
  const source = readFileSync(join(__dirname, '../../src/model/paths.ts'), 'utf8');
  const inSource = [...source.matchAll(/reportedBy: '([a-z0-9-]+)'/g)].map((x) => x[1]);
  expect(new Set(inSource)).toEqual(new Set(named));
  for (const id of inSource) expect(ids.has(id)).toBe(true);
});

describe('undeclared calls a shared account authorizes', () => {
  test('are exactly the authorized undeclared pairs of the full matrix, found without building it', () => {
    const t = baseTopology();
    t.services[0].serviceAccount = 'shared-runner';
    t.services.push(
      {
        name: 'batch',
        image: t.services[0].image,
        serviceAccount: 'shared-runner',
        egress: { via: 'direct-vpc' },
        startupProbe: { path: '/ready' },
      },
      { name: 'audit', image: t.services[0].image, egress: { via: 'direct-vpc' }, startupProbe: { path: '/ready' } },
    );
    const model = validateTopology(t).model!;
    const key = (p: PathProof) => `${p.from}->${p.to}`;
    const fromMatrix = undeclaredCalls(model)
      .filter((p) => p.authorized)
      .map(key)
      .sort();
    expect(sharedAccountCalls(model).map(key).sort()).toEqual(fromMatrix);
    expect(fromMatrix).toEqual(['batch->server-service']);
  });
});
