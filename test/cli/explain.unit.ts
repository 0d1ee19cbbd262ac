import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runnelHere, ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { baseTopology, twoRegions } from '../helpers/synth';

const topologyFile = (t: unknown) => {
  const file = join(tempDir('explain'), 'topology.yaml');
  writeFileSync(file, stringify(t));
  return file;
};

describe('runnel explain (the command runner, on the default topology.yaml)', () => {
  test('client-service -> server-service: every hop of the load balancer path, proven, exit 0', async () => {
    const r = await runnelHere(['explain', 'client-service', 'server-service'], { cwd: ROOT });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('client-service -> server-service: call, declared at services[0].calls[0]');
    expect(lines[1]).toBe('  reachable: yes  private: yes  authorized: yes');
    const hops = lines.filter((l) => /^ {2}\d\. /.test(l)).map((l) => l.trim().split(/\s+/)[1]);
    expect(hops).toEqual(['egress', 'route', 'dns', 'load-balancer', 'neg', 'ingress', 'iam']);
    expect(r.stdout).toMatch(/egress +\[ok\] +Direct VPC egress from subnet run-vpc-direct/);
    expect(r.stdout).toMatch(
      /load-balancer +\[ok\] +regional internal Application Load Balancer server-service at 10\.\d+\.\d+\.\d+ \(HTTP :80\)/,
    );
    expect(r.stdout).toContain('run-client-service@acme-prod.iam.gserviceaccount.com holds roles/run.invoker on server-service');
    expect(r.stdout).toContain('https://cloud.google.com/run/docs/authenticating/service-to-service');
  });

  test('--json is the proof itself', async () => {
    const r = await runnelHere(['explain', 'client-service', 'server-service', '--json'], { cwd: ROOT });
    const proof = JSON.parse(r.stdout);
    expect(proof).toMatchObject({
      kind: 'call',
      from: 'client-service',
      to: 'server-service',
      declared: true,
      reachable: true,
      private: true,
      authorized: true,
    });
    expect(proof.hops).toHaveLength(7);
  });

  test('an undeclared pair shows the IAM refusal and exits 0; internet shows the way out', async () => {
    const r = await runnelHere(['explain', 'batch-service', 'server-service'], { cwd: ROOT });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('not declared');
    expect(r.stdout).toMatch(
      /iam +\[refused\] +serviceAccount:run-batch-service@acme-prod\.iam\.gserviceaccount\.com does not hold roles\/run\.invoker/,
    );
    const net = await runnelHere(['explain', 'batch-service', 'internet'], { cwd: ROOT });
    expect(net.stdout).toMatch(/^batch-service -> internet: through Cloud NAT/);
  });

  test('a broken declared call names the hop, the fix and the rule, exit 1', async () => {
    const t = baseTopology();
    t.projectNumber = '123456789012';
    t.services[1].access = 'private-google-access';
    const r = await runnelHere(['explain', 'client-service', 'server-service', '--topology', topologyFile(t)]);
    // The topology has errors: explain still traces the path, to the hop that breaks.
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/has 1 error\(s\); `runnel check` lists them/);
    expect(r.stdout).toContain('reachable: NO');
    expect(r.stdout).toMatch(/route +\[unreachable\] +private-ranges-only: the public address is sent out of the VPC/);
    expect(r.stdout).toContain('fix: set services[0].egress.route to all-traffic (rule run-app-call-needs-all-traffic)');
  });

  test('usage problems: unknown names and a missing callee, exit 2 with one line', async () => {
    const unknown = await runnelHere(['explain', 'client-service', 'nope'], { cwd: ROOT });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('"nope" is neither a service nor a backend');
    expect((await runnelHere(['explain', 'client-service'], { cwd: ROOT })).status).toBe(2);
    expect((await runnelHere(['explain', '--help'])).stdout).toContain('usage: runnel explain CALLER CALLEE');
    expect((await runnelHere(['--help'])).stdout).toContain('explain');
  });
});

describe('runnel explain on a topology in two regions', () => {
  const file = topologyFile(twoRegions(baseTopology()));

  test("one path per region the caller runs in, each through that region's egress, DNS answer, frontend and NEG", async () => {
    const r = await runnelHere(['explain', 'client-service', 'server-service', '--topology', file]);
    expect(r.status).toBe(0);
    const [first, second] = r.stdout.split(/^in asia-northeast2:$/m);
    expect(first).toMatch(/^in asia-northeast1:/);
    expect(first).toMatch(/Direct VPC egress from subnet run-vpc-direct \(10\.10\.4\.0\/22\)/);
    expect(first).toMatch(/forwarding rule in asia-northeast1 at 10\.10\.0\.\d+/);
    expect(first).toMatch(/serverless NEG server-service-neg to Cloud Run service server-service in asia-northeast1/);
    expect(second).toMatch(/Direct VPC egress from subnet run-vpc-direct-asia-northeast2 \(10\.11\.4\.0\/22\)/);
    expect(second).toMatch(/callers in asia-northeast2 get asia-northeast2's frontend 10\.11\.0\.\d+/);
    expect(second).toMatch(/GLOBAL_MANAGED_PROXY subnet run-vpc-global-proxy-asia-northeast2/);
    expect(second).toMatch(
      /serverless NEG server-service-neg-asia-northeast2 .* when outlier detection ejects it, the NEGs in asia-northeast1/,
    );
  });

  test('--region picks one; --json then prints that proof with its region', async () => {
    const r = await runnelHere([
      'explain',
      'client-service',
      'server-service',
      '--topology',
      file,
      '--region',
      'asia-northeast2',
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ region: 'asia-northeast2', reachable: true, private: true, authorized: true });
  });

  test('a region the caller does not run in is a usage error naming its regions', async () => {
    const r = await runnelHere(['explain', 'client-service', 'server-service', '--topology', file, '--region', 'europe-west4']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/does not run in "europe-west4" \(fix: name one of "asia-northeast1", "asia-northeast2"\)/);
  });
});
