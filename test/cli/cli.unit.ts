import { tempDir } from '../helpers/temp';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { OUTPUT_MARKER } from '../../src/output/write';

const root = join(__dirname, '..', '..');
const BROKEN = `project: acme-prod
region: asia-northeast1
network:
  name: run-vpc
services:
  - name: client-service
    image: img
    calls: [server-service]
  - name: server-service
    image: img
    ingres: internal
`;

function workspace(topology: string): { dir: string; dist: string } {
  const dir = tempDir('cli');
  writeFileSync(join(dir, 'topology.yaml'), topology);
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'cloud-run'), { recursive: true });
  writeFileSync(join(dist, 'cloud-run', 'old.yaml'), 'kept: true\n');
  writeFileSync(join(dist, OUTPUT_MARKER), ''); // an earlier runnel output
  return { dir, dist };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

/** Runs the built CLI (`node lib/runnel.js`, what `npm run synth` runs; jest's global set-up builds it). */
function runnel(args: string[], env: NodeJS.ProcessEnv = {}, entry = join(root, 'lib', 'runnel.js')) {
  return spawnSync(process.execPath, [entry, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('runnel CLI', () => {
  test('synth of a broken topology: every problem, exit 1, no stack trace, dist/ untouched', () => {
    const { dir, dist } = workspace(BROKEN);
    const before = snapshot(dist);
    const r = runnel(['synth', '--topology', join(dir, 'topology.yaml'), '--out', dist]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('topology.yaml: services[1].ingres: unknown field "ingres" (fix: did you mean "ingress"? Rename it)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(dist)).toEqual(before);
  });

  test('synth replaces dist/ whole with the rendered files', () => {
    const { dir, dist } = workspace(readFileSync(join(root, 'topology.yaml'), 'utf8'));
    const r = runnel(['synth', '--topology', join(dir, 'topology.yaml'), '--out', dist]);
    expect(r.status).toBe(0);
    const files = Object.keys(snapshot(dist)).sort();
    expect(files).toContain('config-connector/network.yaml');
    expect(files).not.toContain('cloud-run/old.yaml');
    expect(snapshot(dist)).toEqual(snapshot(join(root, 'dist')));
  });

  test('a warning is printed with its fix, and synth still writes and exits 0', () => {
    const topology =
      readFileSync(join(root, 'topology.yaml'), 'utf8').replace(
        '    egress:\n      via: direct-vpc\n      route: private-ranges-only\n',
        '    egress:\n      via: direct-vpc\n      route: private-ranges-only\n    uses: [cache]\n',
      ) + 'backends:\n  - name: cache\n    redis: {}\n';
    const { dir, dist } = workspace(topology);
    const r = runnel(['synth', '--topology', join(dir, 'topology.yaml'), '--out', dist]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /backends\[0\]\.host: warning: the address of Redis instance "cache" is known only after apply, so CACHE_HOST is not set for its users \(fix: after the first apply, run `gcloud redis instances describe cache/,
    );
    expect(Object.keys(snapshot(dist))).toContain('config-connector/backend-cache.yaml');
  });

  test('check validates without writing, and --json prints findings', () => {
    const { dir, dist } = workspace(BROKEN);
    const before = snapshot(dist);
    const io = { out: [] as string[], err: [] as string[] };
    const code = runCli(['check', '--json', '--topology', join(dir, 'topology.yaml')], {
      out: (l) => io.out.push(l),
      err: (l) => io.err.push(l),
      env: {},
    });
    expect(code).toBe(1);
    const report = JSON.parse(io.out.join('\n'));
    expect(report.findings.map((f: any) => [f.ruleId, f.path, f.line])).toEqual([
      ['caller-needs-vpc-egress', 'services[0].calls[0]', 8],
      ['topology-schema', 'services[1].ingres', 11],
    ]);
    expect(snapshot(dist)).toEqual(before);
  });

  test('semantic errors are listed together, with the exact paths', () => {
    const { dir } = workspace(BROKEN.replace('    ingres: internal\n', '    scaling: {minInstances: 5, maxInstances: 2}\n'));
    const err: string[] = [];
    expect(runCli(['check', '--topology', join(dir, 'topology.yaml')], { out: () => undefined, err: (l) => err.push(l), env: {} })).toBe(1);
    const paths = err.filter((l) => l.includes(': ') && l.includes('(fix: ')).map((l) => l.split(': ')[1]);
    expect(paths).toEqual(['services[0].calls[0]', 'services[1].scaling.minInstances']);
  });

  test('the topology path comes from --topology, else RUNNEL_TOPOLOGY', () => {
    const { dir } = workspace(BROKEN);
    cpSync(join(root, 'topology.yaml'), join(dir, 'good.yaml'));
    const quiet = { out: () => undefined, err: () => undefined };
    expect(runCli(['check'], { ...quiet, env: { RUNNEL_TOPOLOGY: join(dir, 'good.yaml') } })).toBe(0);
    expect(
      runCli(['check', '--topology', join(dir, 'topology.yaml')], { ...quiet, env: { RUNNEL_TOPOLOGY: join(dir, 'good.yaml') } }),
    ).toBe(1);
  });

  test('a missing file, a YAML syntax error and a bad command exit non-zero with one clear line', () => {
    const { dir } = workspace('services: [\n');
    const err: string[] = [];
    const io = { out: () => undefined, err: (l: string) => err.push(l), env: {} };
    expect(runCli(['check', '--topology', join(dir, 'nope.yaml')], io)).toBe(2);
    expect(err.pop()).toMatch(/cannot read ".*nope.yaml": ENOENT/);
    expect(runCli(['check', '--topology', join(dir, 'topology.yaml')], io)).toBe(1);
    expect(err.join('\n')).toMatch(/YAML syntax/);
    expect(runCli(['deploy'], io)).toBe(2);
  });

  test('`cdk8s synth` runs the same validation and fails with the same messages', () => {
    const { dir } = workspace(BROKEN);
    const r = runnel(
      [],
      { CDK8S_OUTDIR: join(dir, 'out'), RUNNEL_TOPOLOGY: join(dir, 'topology.yaml') },
      join(root, 'lib', 'cdk8s-app.js'),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('topology.yaml: services[1].ingres: unknown field "ingres"');
  });

  test.each([
    ['an unknown field', BROKEN],
    ['a wrong enum value and a wrong type', BROKEN.replace('    ingres: internal\n', '    port: "80"\n    egress: {via: conector}\n')],
    ['a missing required field', BROKEN.replace('  name: run-vpc\n', '  nam: run-vpc\n')],
    ['semantic errors only', BROKEN.replace('    ingres: internal\n', '    scaling: {minInstances: 5, maxInstances: 2}\n')],
  ])('the built CLI, with its precompiled schema validators, finds exactly what the source finds: %s', (_, topology) => {
    const { dir } = workspace(topology);
    const out: string[] = [];
    const code = runCli(['check', '--json', '--topology', join(dir, 'topology.yaml')], {
      out: (l) => out.push(l),
      err: () => undefined,
      env: {},
    });
    const built = runnel(['check', '--json', '--topology', join(dir, 'topology.yaml')]);
    expect(code).toBe(1);
    expect(built.status).toBe(1);
    expect(JSON.parse(built.stdout)).toEqual(JSON.parse(out.join('\n')));
  });

  test('a build older than its sources refuses to run and says how to rebuild', () => {
    const copy = tempDir('stale');
    mkdirSync(join(copy, 'lib'));
    mkdirSync(join(copy, 'src'));
    // The loader and the bundle it runs, which checks its own age (the code cache is optional).
    for (const f of ['runnel.js', 'cli.js']) cpSync(join(root, 'lib', f), join(copy, 'lib', f));
    writeFileSync(join(copy, 'src', 'edited.ts'), '');
    utimesSync(join(copy, 'lib', 'cli.js'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    const r = runnel(['check', '--topology', join(root, 'topology.yaml')], {}, join(copy, 'lib', 'runnel.js'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/src\/edited\.ts changed after runnel was built \(fix: run `npm run build`\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
