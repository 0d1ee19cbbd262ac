import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SEED_TOPOLOGY } from '../../src/cli/init';
import { githubAnnotation } from '../../src/cli/findings-format';
import { lines, ROOT, runnelHere } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

describe('runnel init', () => {
  test('writes the default topology, commented, and ignores runnel leftovers in .gitignore', async () => {
    expect(parse(SEED_TOPOLOGY)).toEqual(parse(readFileSync(join(ROOT, 'topology.yaml'), 'utf8')));
    const dir = tempDir('init');
    writeFileSync(join(dir, '.gitignore'), 'node_modules/');
    const r = await runnelHere(['init'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'topology.yaml'), 'utf8')).toBe(SEED_TOPOLOGY);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(
      'node_modules/\n# runnel: what an interrupted synth leaves beside its output\n.runnel-*\n',
    );
    // The seed is valid as written: check passes without a warning.
    const check = await runnelHere(['check', '--quiet'], { cwd: dir });
    expect([check.status, check.stderr]).toEqual([0, '']);
  });

  test('never overwrites, and adds the .gitignore entry once', async () => {
    const dir = tempDir('init');
    expect((await runnelHere(['init'], { cwd: dir })).status).toBe(0);
    writeFileSync(join(dir, 'topology.yaml'), 'mine');
    const again = await runnelHere(['init'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(lines(again.stderr)).toEqual([
      expect.stringMatching(/^runnel: "topology.yaml" exists; runnel init never overwrites \(fix: .+\)$/),
    ]);
    expect(readFileSync(join(dir, 'topology.yaml'), 'utf8')).toBe('mine');
    expect((await runnelHere(['init', '--topology', 'other.yaml'], { cwd: dir })).status).toBe(0);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').match(/^\.runnel-\*$/gm)).toHaveLength(1);
  });
});

describe('findings formats', () => {
  const broken = () => {
    const dir = tempDir('fmt');
    const seed = SEED_TOPOLOGY.replace('calls: [server-service]', 'calls: [sever-service]').replace(
      '    machineType: e2-standard-4',
      '    machineType: e2-micro',
    );
    writeFileSync(join(dir, 'topology.yaml'), seed);
    return dir;
  };

  test('--format github prints one GitHub Actions annotation per finding on stdout, at its line', async () => {
    const dir = broken();
    const r = await runnelHere(['check', '--format', 'github'], { cwd: dir });
    expect(r.status).toBe(1);
    const out = lines(r.stdout);
    const callLine = SEED_TOPOLOGY.split('\n').findIndex((l) => l.includes('calls: [server-service]')) + 1;
    expect(out).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^::error file=topology.yaml,line=${callLine},title=runnel call-target-exists::services\\[0\\]\\.calls\\[0\\]: calls "sever-service"`,
        ),
      ),
    );
    expect(out).toContainEqual(
      expect.stringMatching(/^::warning file=topology.yaml,line=\d+,title=runnel connector-machine-type-for-load::/),
    );
  });

  test('annotations escape what would break the workflow command', async () => {
    const a = githubAnnotation('a,b:c.yaml', {
      ruleId: 'r',
      severity: 'error',
      path: 'x',
      message: '100% bad\nnext',
      fix: 'f',
      docUrl: 'docs/rules/r.md',
      line: 3,
    });
    expect(a).toBe('::error file=a%2Cb%3Ac.yaml,line=3,title=runnel r::x: 100%25 bad\\nnext (fix: f) [docs/rules/r.md]');
  });

  test('--quiet prints errors only; --json stays the same as --format json', async () => {
    const dir = broken();
    const quiet = await runnelHere(['check', '--quiet'], { cwd: dir });
    expect(quiet.status).toBe(1);
    expect(quiet.stderr).not.toMatch(/warning:/);
    expect(quiet.stderr).toMatch(/calls "sever-service"/);
    const json = await runnelHere(['check', '--json'], { cwd: dir });
    expect(json.stdout).toBe((await runnelHere(['check', '--format', 'json'], { cwd: dir })).stdout);
    expect(JSON.parse(json.stdout).findings.length).toBeGreaterThan(1);
  });

  test('an unknown format, or --exit-code outside diff, is a usage error', async () => {
    expect((await runnelHere(['check', '--format', 'xml'])).status).toBe(2);
    expect((await runnelHere(['check', '--exit-code'])).status).toBe(2);
  });
});
