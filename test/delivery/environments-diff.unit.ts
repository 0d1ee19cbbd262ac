import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp';
import { git, RunOutcome, runnelHere } from '../helpers/cli';

const root = join(__dirname, '..', '..');
/** `runnel ARGS` run in `cwd` (in this process: what is tested is the commands' output, not the process). */
const runnel = (cwd: string, ...args: string[]) => runnelHere(args, { cwd, env: { RUNNEL_TOPOLOGY: undefined } });
const golden = readFileSync(join(root, 'test', 'golden', 'environments', 'topology.yaml'), 'utf8');

/** The three-environment golden synthesized and committed; then staging moves to a new api image, not yet synthesized. */
async function repo(): Promise<string> {
  const dir = tempDir('envdiff');
  git(dir, 'init', '-q');
  writeFileSync(join(dir, 'topology.yaml'), golden);
  expect((await runnel(dir, 'synth')).status).toBe(0);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'three environments');
  writeFileSync(
    join(dir, 'topology.yaml'),
    golden.replace(
      '  staging:\n    project: shop-stg-1\n    namespace: shop-stg\n    services:\n      - name: api\n        image: europe-west1-docker.pkg.dev/shop-artifacts/run/api:2.4.0\n',
      '  staging:\n    project: shop-stg-1\n    namespace: shop-stg\n    services:\n      - name: api\n        image: europe-west1-docker.pkg.dev/shop-artifacts/run/api:2.5.0\n',
    ),
  );
  return dir;
}

describe('environments through the CLI, on a real git history', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await repo();
  });

  test('synth wrote one folder per environment and the ApplicationSet beside them', () => {
    for (const e of ['dev', 'staging', 'prod']) expect(existsSync(join(dir, 'dist', e, 'config-connector', 'service-api.yaml'))).toBe(true);
    expect(readFileSync(join(dir, 'dist', 'argocd', 'applicationset.yaml'), 'utf8')).toContain('kind: ApplicationSet');
    expect(existsSync(join(dir, 'dist', 'argocd', 'application.yaml'))).toBe(false);
  });

  test('diff --env compares one environment with its own committed folder', async () => {
    const prod = await runnel(dir, 'diff', '--env', 'prod');
    expect(prod.status).toBe(0);
    expect(prod.stdout).toBe('runnel diff: the current synthesis against dist/prod/ and dist-gcloud/prod/ at HEAD\n  no changes\n');
    const staging = await runnel(dir, 'diff', '--env', 'staging');
    expect(staging.stdout).toContain('  ~ changed RunService/api  (config-connector/service-api.yaml)');
    expect(staging.stdout).toContain('api:2.5.0');
    expect(staging.stdout).toMatch(/0 added, 1 changed, 0 removed/);
  });

  describe('diff --from staging --to prod', () => {
    let r: RunOutcome;
    let out: string;
    beforeAll(async () => {
      r = await runnel(dir, 'diff', '--from', 'staging', '--to', 'prod');
      out = r.stdout;
    });

    test('exits 0 and says what it compares', () => {
      expect(r.status).toBe(0);
      expect(out).toMatch(/^runnel diff: promoting staging's shape to prod, against dist\/prod\/ at HEAD\n/);
    });

    test("shows staging's shape replacing prod's: the new image, prod's own scaling, Redis and range", () => {
      expect(out).toContain('  ~ changed RunService/api  (config-connector/service-api.yaml)');
      expect(out).toMatch(/api:2\.4\.0.*-> .*api:2\.5\.0/);
      expect(out).toContain('      spec.template.scaling.minInstanceCount: 2 -> 0');
      expect(out).toContain('      spec.tier: "STANDARD_HA" -> "BASIC"');
      expect(out).toContain('      spec.ipCidrRange: "10.140.0.0/21" -> "10.10.4.0/22"');
    });

    test('flags the changes GCP cannot make in place', () => {
      expect(out).toMatch(/spec\.tier: "STANDARD_HA" -> "BASIC"\n {8}! recreate: RedisInstance spec\.tier is immutable/);
      expect(out).toMatch(/spec\.ipCidrRange: "10\.140\.0\.0\/21" -> "10\.10\.4\.0\/22"\n {8}! recreate: a subnet's primary range/);
      expect(out).toMatch(/; 2 resource\(s\) must be recreated/);
    });

    test("ignores what differs by design: prod's project, namespace and the names derived from them", () => {
      expect(out).not.toMatch(/shop-stg/);
      expect(out).not.toMatch(/IAMServiceAccount|Namespace\/|IAMPolicyMember|^ {2}[+-] /m);
      expect(out).toMatch(/0 added, \d+ changed, 0 removed/);
    });

    test('nothing was written', () => {
      expect(git(dir, 'status', '--porcelain')).toBe(' M topology.yaml\n');
    });
  });

  test.each([
    [['diff', '--from', 'staging'], /--from and --to go together/],
    [['synth', '--from', 'staging', '--to', 'prod'], /--from and --to go together/],
    [['diff', '--from', 'qa', '--to', 'prod'], /no environment "qa" in the topology \(it has "dev", "staging", "prod"\)/],
    [['synth', '--env', 'qa'], /no environment "qa"/],
  ])('usage errors: %j', async (args, message) => {
    const r = await runnel(dir, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('--env on a topology without environments is a usage error', async () => {
    const plain = tempDir('envdiff-plain');
    writeFileSync(join(plain, 'topology.yaml'), readFileSync(join(root, 'topology.yaml'), 'utf8'));
    const r = await runnel(plain, 'check', '--env', 'prod');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/declares no environments/);
  });

  test('synth --env writes only that environment, into its folder', async () => {
    const r = await runnel(dir, 'synth', '--env', 'staging');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'dist', 'staging', 'config-connector', 'service-api.yaml'), 'utf8')).toContain('api:2.5.0');
    expect(readFileSync(join(dir, 'dist', 'prod', 'config-connector', 'service-api.yaml'), 'utf8')).toContain('api:2.4.0');
    expect(existsSync(join(dir, 'dist', 'argocd', 'applicationset.yaml'))).toBe(true);
  });
});

test('diff --from --to honours --format json and --exit-code (4: a change needs a recreate)', async () => {
  const dir = await repo();
  const r = await runnel(dir, 'diff', '--from', 'staging', '--to', 'prod', '--format', 'json', '--exit-code');
  expect(r.status).toBe(4);
  const report = JSON.parse(r.stdout);
  expect(JSON.stringify(report)).toContain("promoting staging's shape to prod");
  expect(JSON.stringify(report)).toContain('RedisInstance');
  const same = await runnel(dir, 'diff', '--env', 'prod', '--exit-code');
  expect(same.status).toBe(0);
});

test('explain traces one environment: --env is required with environments, and picks its topology', async () => {
  const dir = tempDir('envexplain');
  writeFileSync(join(dir, 'topology.yaml'), golden);
  const missing = await runnel(dir, 'explain', 'web', 'api');
  expect(missing.status).toBe(2);
  expect(missing.stderr).toMatch(/has environments \("dev", "staging", "prod"\): name one with --env/);
  const prod = await runnel(dir, 'explain', 'web', 'api', '--env', 'prod');
  expect(prod.status).toBe(0);
  expect(prod.stdout).toContain('shop-vpc-direct (10.140.0.0/21)');
  expect((await runnel(dir, 'explain', 'web', 'api', '--env', 'dev')).stdout).toContain('shop-vpc-direct (10.10.4.0/22)');
});
