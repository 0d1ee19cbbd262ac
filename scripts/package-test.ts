/**
 * The package as a user gets it (`npm run test:package`, run by .ci/run): `npm pack`, then in an empty folder
 * outside this repository install the tarball with the versions this lockfile pins, and use it the ways the
 * README says — the CLI through npx, `require` and `import` of the library, and a tiny cdk8s app of the user's
 * own, type-checked against the shipped declarations, that adds a PrivateTopology to its own chart.
 *
 * A script rather than a jest test: it takes tens of seconds of npm and tsc, which `npm test` must not pay.
 * Every step's failure exits non-zero with what failed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'runnel-package-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let failures = 0;

function run(cmd: string, args: string[], cwd: string, input?: string): string {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    input,
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', npm_config_update_notifier: 'false' },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}

function step(name: string, body: () => void): void {
  try {
    body();
    process.stdout.write(`ok   ${name}\n`);
  } catch (e) {
    failures++;
    process.stdout.write(`FAIL ${name}\n${(e as Error).message}\n`);
  }
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const locked = (name: string): string => lock.packages[`node_modules/${name}`].version;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let tarball = '';
step('npm pack builds the library, the CLI, the types and the editor schema', () => {
  const out = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  tarball = join(work, out[0].filename);
  const files: string[] = out[0].files.map((f: { path: string }) => f.path);
  for (const f of [
    'lib/runnel.js',
    'lib/cli.js',
    'lib/index.js',
    'lib/topology.schema.json',
    'types/src/index.d.ts',
    'README.md',
    'LICENSE',
    'package.json',
  ]) {
    check(files.includes(f), `the tarball lacks ${f}`);
  }
  check(
    files.some((f) => f.startsWith('docs/rules/')),
    'the tarball lacks docs/rules/',
  );
  const foreign = files.filter(
    (f) =>
      /^(src|test|bench|scripts|imports|dist)\//.test(f) || f.startsWith('lib/cdk8s-app') || (f.endsWith('.ts') && !f.endsWith('.d.ts')),
  );
  check(foreign.length === 0, `the tarball ships sources, tests or benches: ${foreign.join(', ')}`);
});

const app = join(work, 'user-repo');
step('installs into an empty folder with the lockfile’s versions', () => {
  mkdirSync(app);
  // The user's own repository: cdk8s and constructs are theirs (runnel's peers), one copy each.
  const overrides = Object.fromEntries(Object.keys(pkg.dependencies).map((d) => [d, locked(d)]));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify(
      {
        name: 'user-repo',
        private: true,
        dependencies: { runnel: `file:${tarball}`, cdk8s: locked('cdk8s'), constructs: locked('constructs') },
        overrides,
      },
      null,
      2,
    ),
  );
  run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline'], app);
  const installed = readdirSync(join(app, 'node_modules'));
  for (const dev of ['typescript', 'jest', 'mermaid', 'jsdom', 'esbuild', 'cdk8s-plus-28', 'cdk8s-cli'])
    check(!installed.includes(dev), `installing runnel brought ${dev}`);
  check(!existsSync(join(app, 'node_modules', 'runnel', 'node_modules', 'cdk8s')), 'runnel brought a second copy of cdk8s');
});

step('npx runnel --version, init and synth write valid output from the user’s folder', () => {
  const version = run('npx', ['--no-install', 'runnel', '--version'], app).trim();
  check(version === `runnel ${pkg.version}`, `--version printed ${version}`);
  run('npx', ['--no-install', 'runnel', 'init'], app);
  check(readFileSync(join(app, '.gitignore'), 'utf8').includes('.runnel-*'), 'init did not add .runnel-* to .gitignore');
  run('npx', ['--no-install', 'runnel', 'synth'], app);
  const written: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else written.push(join(dir, e.name));
    }
  };
  walk(join(app, 'dist'));
  const manifests = written.filter((f) => f.endsWith('.yaml'));
  check(manifests.length > 5, `dist/ holds ${manifests.length} YAML files`);
  for (const f of manifests) {
    for (const doc of parseAllDocuments(readFileSync(f, 'utf8'))) check(doc.errors.length === 0, `${f} is not valid YAML`);
  }
  const bad = run('sh', ['-c', 'npx --no-install runnel check --topology missing.yaml; echo "exit $?"'], app);
  check(/exit 2/.test(bad), `check of a missing file: ${bad}`);
});

step('require() and import expose the constructs and synthesizeTopology', () => {
  const cjs = run(
    process.execPath,
    ['-e', "const r = require('runnel'); console.log(typeof r.PrivateTopology, typeof r.synthesizeTopology, typeof r.RunService)"],
    app,
  );
  check(cjs.trim() === 'function function function', `require: ${cjs}`);
  const esm = run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { PrivateTopology, synthesizeTopology } from 'runnel'; console.log(typeof PrivateTopology, typeof synthesizeTopology)",
    ],
    app,
  );
  check(esm.trim() === 'function function', `import: ${esm}`);
  const schema = run(process.execPath, ['-e', "console.log(require('runnel/topology.schema.json').title)"], app);
  check(schema.trim() === 'runnel topology', `schema: ${schema}`);
});

step(
  'a cdk8s app of the user’s own type-checks against the shipped types, and its app.synth() gives the CLI’s objects, names and sync waves',
  () => {
    // One topology, as the user's TypeScript and as a topology file for the CLI (JSON is YAML).
    const spec = {
      project: 'acme-prod',
      region: 'asia-northeast1',
      network: { name: 'run-vpc' },
      services: [
        { name: 'web', image: 'asia-northeast1-docker.pkg.dev/acme-prod/run/web:1.0.0', egress: { via: 'direct-vpc' }, calls: ['api'] },
        { name: 'api', image: 'asia-northeast1-docker.pkg.dev/acme-prod/run/api:1.0.0', ingress: 'internal' },
      ],
    };
    writeFileSync(join(app, 'net.yaml'), JSON.stringify(spec, null, 2));
    writeFileSync(
      join(app, 'main.ts'),
      [
        "import { App, Chart } from 'cdk8s';",
        "import { PrivateTopology, TopologySpec, topologyFiles } from 'runnel';",
        '',
        `const spec: TopologySpec = ${JSON.stringify(spec)};`,
        "const app = new App({ outdir: 'cdk8s.out' });",
        "const chart = new Chart(app, 'platform', { namespace: 'team-a', labels: { team: 'a' } });",
        "const net = new PrivateTopology(chart, 'net', { spec });",
        'app.synth();',
        'const files = topologyFiles(net);',
        'declare const console: { log(text: string): void };',
        'console.log(JSON.stringify({ gcloud: files.gcloud.map((f) => f.path), markdown: files.topologyMarkdown.path }));',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'commonjs',
          target: 'ES2022',
          esModuleInterop: true,
          outDir: 'out',
          skipLibCheck: false,
          types: [],
        },
        files: ['main.ts'],
      }),
    );
    // The repository's own TypeScript compiles the user's app: the user's toolchain, not runnel's dependency.
    run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], app);
    const out = JSON.parse(run(process.execPath, [join(app, 'out', 'main.js')], app).trim());
    check(out.markdown === 'TOPOLOGY.md' && out.gcloud.includes('cloud-run-iam/api.yaml'), `topologyFiles gave ${JSON.stringify(out)}`);

    const docs = (dir: string) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
        .flatMap((e) => parseAllDocuments(readFileSync(join(e.parentPath, e.name), 'utf8')).map((d) => d.toJSON()));
    const key = (o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`;
    const users = new Map(docs(join(app, 'cdk8s.out')).map((o) => [key(o), o]));
    run('npx', ['--no-install', 'runnel', 'synth', '--quiet', '--topology', 'net.yaml', '--out', 'runnel-dist'], app);
    const cli = docs(join(app, 'runnel-dist'));
    // Knative mode: the gcloud files beside the manifests, and in neither the CLI's dist/ nor the user's synthesis.
    check(existsSync(join(app, 'runnel-dist-gcloud', 'cloud-run', 'api.yaml')), 'the CLI wrote no runnel-dist-gcloud/cloud-run/api.yaml');
    for (const objects of [cli, [...users.values()]])
      check(!objects.some((o) => o.apiVersion === 'serving.knative.dev/v1'), 'a Knative Service is among the Kubernetes manifests');
    check(cli.length > 10, `the CLI wrote ${cli.length} objects`);
    let waves = 0;
    for (const o of cli) {
      const mine = users.get(key(o));
      check(mine !== undefined, `the user's app.synth() lacks ${key(o)}`);
      check(JSON.stringify(mine) === JSON.stringify(o), `${key(o)} differs:\n${JSON.stringify(mine)}\n${JSON.stringify(o)}`);
      if (o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] !== undefined) waves++;
    }
    check(waves === cli.length, `${cli.length - waves} Config Connector objects have no sync wave`);
    check(new Set(cli.map((o) => o.metadata.annotations['argocd.argoproj.io/sync-wave'])).size > 2, 'every object is in one wave');
  },
);

rmSync(work, { recursive: true, force: true });
if (failures > 0) {
  process.stderr.write(`package test: ${failures} step(s) failed\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('package test: every step passed\n');
}
