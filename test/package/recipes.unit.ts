import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT } from '../helpers/cli';
import { expectValidCrds } from '../helpers/crd';
import { tempDir } from '../helpers/temp';

const recipes = join(ROOT, 'docs', 'recipes');

/** A folder holding a `runnel` command that runs this build, as `npm install --global runnel` would. */
function runnelOnPath(): string {
  const bin = join(tempDir('bin'), 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'runnel'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'lib', 'runnel.js'))} "$@"\n`,
  );
  chmodSync(join(bin, 'runnel'), 0o755);
  return bin;
}

describe('the Argo CD Config Management Plugin recipe', () => {
  const plugin = parse(readFileSync(join(recipes, 'argocd-cmp', 'plugin.yaml'), 'utf8'));
  const generate = (cwd: string) =>
    spawnSync(plugin.spec.generate.command[0], [...plugin.spec.generate.command.slice(1), ...plugin.spec.generate.args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${runnelOnPath()}:${process.env.PATH}` },
    });

  test('discovers topology.yaml and generates the Config Connector manifests as one YAML stream, CRD-valid', () => {
    expect(plugin.spec.discover.fileName).toBe('topology.yaml');
    const app = tempDir('cmp');
    writeFileSync(join(app, 'topology.yaml'), readFileSync(join(ROOT, 'topology.yaml')));
    const r = generate(app);
    expect(r.status).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
    expect(docs.length).toBeGreaterThan(10);
    for (const d of docs) expect(String(d.apiVersion)).toMatch(/\.cnrm\.cloud\.google\.com\//);
    expectValidCrds(docs);
  });

  test('a broken topology fails generation with its findings and prints no manifest', () => {
    const app = tempDir('cmp');
    writeFileSync(
      join(app, 'topology.yaml'),
      readFileSync(join(ROOT, 'topology.yaml'), 'utf8').replace('calls: [server-service]', 'calls: [nobody]'),
    );
    const r = generate(app);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/calls "nobody", which is not a service/);
  });
});

describe('the GitHub Actions recipe', () => {
  const workflow = parse(readFileSync(join(recipes, 'github-actions.yml'), 'utf8'));
  const steps: Array<{ run?: string }> = workflow.jobs.topology.steps;
  const script = steps.map((s) => s.run ?? '').join('\n');

  test('installs from the lockfile, annotates findings, refuses a stale dist/ and comments the diff', () => {
    expect(script).toMatch(/^npm ci$/m);
    expect(script).toContain('npx runnel check --format github');
    expect(script).toContain('npx runnel synth --quiet');
    // Knative mode's gcloud files are committed beside dist/: a stale one fails the check too.
    expect(script).toContain('git diff --quiet -- dist dist-gcloud');
    expect(workflow.on.pull_request.paths).toContain('dist-gcloud/**');
    expect(script).toContain('npx runnel diff "$BASE" --format markdown --exit-code');
    expect(workflow.permissions['pull-requests']).toBe('write');
  });

  test('every runnel command it runs is one the CLI accepts', () => {
    const bin = runnelOnPath();
    for (const args of [
      ['check', '--format', 'github'],
      ['synth', '--quiet', '--out', join(tempDir('gha'), 'dist')],
    ]) {
      const r = spawnSync(join(bin, 'runnel'), args, { cwd: ROOT, encoding: 'utf8' });
      expect([args.join(' '), r.status, r.stderr]).toEqual([args.join(' '), 0, '']);
    }
  });
});
