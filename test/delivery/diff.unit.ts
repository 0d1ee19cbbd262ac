import { tempDir } from '../helpers/temp';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { diffOutputs } from '../../src/cli/diff';
import { SHARED_DIR } from '../helpers/crd';
import { git, RunOutcome, runnelHere } from '../helpers/cli';
import { synth } from '../helpers/synth';
import { parseTopology } from '../../src/input/load';

const root = join(__dirname, '..', '..');
/** `runnel ARGS` run in `cwd` (in this process: what is tested is the diff, not the process). */
const runnel = (cwd: string, ...args: string[]) => runnelHere(args, { cwd, env: { RUNNEL_TOPOLOGY: undefined } });

/** A repository with two commits: the default topology with its dist/, then a change synthesized and committed. */
async function twoCommitRepo(change: (topology: string) => string): Promise<string> {
  const dir = tempDir('diff');
  git(dir, 'init', '-q');
  const v1 = readFileSync(join(root, 'topology.yaml'), 'utf8');
  writeFileSync(join(dir, 'topology.yaml'), v1);
  expect((await runnel(dir, 'synth')).status).toBe(0);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'v1');
  writeFileSync(join(dir, 'topology.yaml'), change(v1));
  expect((await runnel(dir, 'synth')).status).toBe(0);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'v2');
  return dir;
}

describe('runnel diff against a real git history', () => {
  // v2 adds a service, moves the Direct VPC subnet's range, and drops the connector (batch-service moves to
  // Direct VPC egress), which also drops the connector's subnet.
  let dir: string;
  let r: RunOutcome;
  let out: string;
  beforeAll(async () => {
    dir = await twoCommitRepo((t) =>
      t
        .replace('network:\n  name: run-vpc\n', 'network:\n  name: run-vpc\n  subnets:\n    directVpc:\n      cidr: 10.20.4.0/22\n')
        .replace('    egress:\n      via: connector\n', '    egress:\n      via: direct-vpc\n')
        .concat('  - name: audit-service\n    image: asia-northeast1-docker.pkg.dev/acme-prod/run/audit:1.0.0\n'),
    );
    r = await runnel(dir, 'diff', 'HEAD~1');
    out = r.stdout;
  });

  test('exits 0 and names what it compares', () => {
    expect(r.status).toBe(0);
    expect(out).toMatch(/^runnel diff: the current synthesis against dist\/ and dist-gcloud\/ at HEAD~1\n/);
  });

  test('names the added service with its identity', () => {
    expect(out).toContain('  + added   Service/audit-service  (cloud-run/audit-service.yaml)');
    expect(out).toContain('  + added   IAMServiceAccount/run-audit-service  (config-connector/identity-audit-service.yaml)');
  });

  test('flags the moved subnet range as a recreate, citing the source', () => {
    expect(out).toContain('  ~ changed ComputeSubnetwork/run-vpc-direct  (config-connector/network.yaml)');
    expect(out).toContain('      spec.ipCidrRange: "10.10.4.0/22" -> "10.20.4.0/22"');
    expect(out).toMatch(
      /! recreate: a subnet's primary range can only be expanded in place .* \(https:\/\/cloud\.google\.com\/vpc\/docs\/create-modify-vpc-networks#expand-subnet\)/,
    );
  });

  test('names the removed connector and its subnet', () => {
    expect(out).toContain('  - removed VPCAccessConnector/run-vpc-conn  (config-connector/network.yaml)');
    expect(out).toContain('  - removed ComputeSubnetwork/run-vpc-connector  (config-connector/network.yaml)');
  });

  test('against HEAD, whose dist/ is the current synthesis, there is nothing to say', async () => {
    expect((await runnel(dir, 'diff')).stdout).toBe(
      'runnel diff: the current synthesis against dist/ and dist-gcloud/ at HEAD\n  no changes\n',
    );
  });

  test('a ref that does not exist is a clear error with exit 2', async () => {
    const bad = await runnel(dir, 'diff', 'no-such-branch');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^runnel: cannot read dist\/ at no-such-branch: .*\(fix: /m); // after any warnings
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('diffOutputs', () => {
  const file = (path: string, ...docs: string[]) => ({ path, content: docs.join('---\n') });
  const address = (addr: string, desc = 'x') =>
    `apiVersion: compute.cnrm.cloud.google.com/v1beta1\nkind: ComputeAddress\nmetadata:\n  name: a\nspec:\n  address: ${addr}\n  location: asia-northeast1\n  description: ${desc}\n`;
  const subnet = (cidr: string) =>
    `apiVersion: compute.cnrm.cloud.google.com/v1beta1\nkind: ComputeSubnetwork\nmetadata:\n  name: s\nspec:\n  ipCidrRange: ${cidr}\n  region: asia-northeast1\n`;

  test('a field the CRD marks Immutable is flagged with the CRD as source', () => {
    const [c] = diffOutputs([file('x.yaml', address('10.0.0.5'))], [file('x.yaml', address('10.0.0.6'))]);
    expect(c.fields).toEqual([
      {
        path: 'spec.address',
        before: '10.0.0.5',
        after: '10.0.0.6',
        recreate: {
          reason: 'ComputeAddress spec.address is immutable: Config Connector cannot update it in place',
          source: 'its CRD marks it "Immutable.": computeaddresses.compute.cnrm.cloud.google.com.yaml',
        },
      },
    ]);
  });

  test('expanding a subnet is in place; shrinking or moving it is not', () => {
    const change = (a: string, b: string) => diffOutputs([file('n.yaml', subnet(a))], [file('n.yaml', subnet(b))])[0].fields[0];
    expect(change('10.0.0.0/24', '10.0.0.0/23').recreate).toBeUndefined();
    expect(change('10.0.1.0/24', '10.0.0.0/22').recreate).toBeUndefined();
    expect(change('10.0.0.0/23', '10.0.0.0/24').recreate).toBeDefined();
    expect(change('10.0.0.0/24', '10.0.1.0/24').recreate).toBeDefined();
  });

  test('moving an object between files is no change; annotation keys are quoted in paths', () => {
    expect(diffOutputs([file('a.yaml', address('10.0.0.5'))], [file('b.yaml', address('10.0.0.5'))])).toEqual([]);
    const withWave = address('10.0.0.5').replace('  name: a\n', '  name: a\n  annotations:\n    argocd.argoproj.io/sync-wave: "2"\n');
    expect(diffOutputs([file('a.yaml', address('10.0.0.5'))], [file('a.yaml', withWave)])[0].fields[0].path).toBe(
      'metadata.annotations["argocd.argoproj.io/sync-wave"]',
    );
  });

  test("a synthesis' own objects diff exactly as its YAML text does", () => {
    const read = (file: string) => parseTopology(readFileSync(join(root, file), 'utf8'), file).input as any;
    const before = synth(read('topology.yaml')).files;
    const changed = read('topology.yaml');
    changed.services[0].scaling = { maxInstances: 7 };
    changed.services.push({ name: 'added-service', image: changed.services[0].image });
    for (const after of [synth(changed).files, synth(read('test/golden/private-backends/topology.yaml')).files]) {
      const text = after.map(({ path, content }) => ({ path, content }));
      const changes = diffOutputs(before, after);
      expect(changes.length).toBeGreaterThan(3);
      expect(changes).toEqual(diffOutputs(before, text));
    }
  });
});

/**
 * What scripts/immutable-fields.mjs writes for these CRDs. Parsing them with the yaml library costs ~1.2 s of CPU,
 * so the output is kept in node_modules/.cache, as the CRD validators are, under a fingerprint of everything it is
 * made from (the script, each CRD's bytes, the yaml library's version and Node's); any change runs the script again.
 */
function immutableFieldsOf(crds: string, files: readonly string[]): unknown {
  const script = join(root, 'scripts', 'immutable-fields.mjs');
  const inputs = [script, join(root, 'node_modules', 'yaml', 'package.json'), ...files.map((f) => join(crds, f))];
  const hash = createHash('sha256').update(`${process.version}\0`);
  for (const input of inputs) hash.update(`${input}\0`).update(readFileSync(input)).update('\0');
  const cached = join(root, 'node_modules', '.cache', 'runnel-immutable-fields', `${hash.digest('hex')}.json`);
  if (!existsSync(cached)) {
    const out = join(tempDir('immutable'), 'fields.json');
    execFileSync(process.execPath, [script, crds, ...files], { env: { ...process.env, RUNNEL_IMMUTABLE_OUT: out } });
    mkdirSync(dirname(cached), { recursive: true });
    copyFileSync(out, cached);
  }
  return JSON.parse(readFileSync(cached, 'utf8'));
}

test('the immutable-field table is what the vendored CRDs say (regenerate with npm run import)', () => {
  const committed = JSON.parse(readFileSync(join(root, 'src', 'cli', 'immutable-fields.json'), 'utf8'));
  const crds = join(SHARED_DIR, 'crds', 'config-connector');
  const files = Object.values(committed).map((e: any) => e.crd);
  expect(immutableFieldsOf(crds, files)).toEqual(committed);
  expect(committed.ComputeAddress.fields).toContain('spec.address');
  expect(committed.RunService.fields).toContain('spec.location');
});

describe('runnel diff for CI and pull requests (--exit-code, --format json|markdown, named list items)', () => {
  // v2 gives client-service one more variable: one field of one resource, no recreate.
  let dir: string;
  /** `runnel diff HEAD~1`, in text: read by two tests (each diff reads every committed file with git). */
  let text: RunOutcome;
  beforeAll(async () => {
    dir = await twoCommitRepo((t) =>
      t.replace('    calls: [server-service]', '    env: { LOG_LEVEL: debug }\n    calls: [server-service]'),
    );
    text = await runnel(dir, 'diff', 'HEAD~1');
  });

  test('--exit-code: 0 when nothing changes, 1 when something does, 4 when a change needs a recreate', async () => {
    expect((await runnel(dir, 'diff', 'HEAD', '--exit-code')).status).toBe(0);
    expect((await runnel(dir, 'diff', 'HEAD~1', '--exit-code')).status).toBe(1);
    expect(text.status).toBe(0);
    const moved = await twoCommitRepo((t) =>
      t.replace('network:\n  name: run-vpc\n', 'network:\n  name: run-vpc\n  subnets:\n    directVpc:\n      cidr: 10.20.4.0/22\n'),
    );
    expect((await runnel(moved, 'diff', 'HEAD~1', '--exit-code')).status).toBe(4);
  });

  test('an added variable is one change at its name, not every later list item', () => {
    const out = text.stdout;
    expect(out).toContain('spec.template.spec.containers[0].env[name="LOG_LEVEL"]: (none) -> {"name":"LOG_LEVEL","value":"debug"}');
    expect(out).toContain('0 added, 1 changed, 0 removed');
  });

  test('--format json is one valid JSON document with the same changes', async () => {
    const r = await runnel(dir, 'diff', 'HEAD~1', '--format', 'json');
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toEqual({ added: 0, changed: 1, removed: 0, recreate: false });
    expect(doc.changes[0].resource).toBe('Service/client-service');
  });

  test('--format markdown is a table a pull-request comment renders', async () => {
    const md = (await runnel(dir, 'diff', 'HEAD~1', '--format', 'markdown')).stdout;
    expect(md).toMatch(/^### runnel diff against dist\/ and dist-gcloud\/ at HEAD~1\n/);
    expect(md).toContain('| ✏️ changed | `Service/client-service` | cloud-run/client-service.yaml |');
  });

  test('an unknown format is a usage error', async () => {
    const r = await runnel(dir, 'diff', '--format', 'yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--format "yaml" is not one of text, json, markdown/);
  });
});
