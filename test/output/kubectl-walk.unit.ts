import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { runCli } from '../../src/cli/run';
import { servedCrdKinds } from '../helpers/crd';
import { tempDir } from '../helpers/temp';

const root = join(__dirname, '..', '..');

/**
 * The kinds a Config Connector cluster serves: every served version of the Config Connector CRDs runnel emits
 * (../shared/crds/config-connector), core/v1 Namespace, the ConfigConnectorContext the operator installs for
 * namespaced mode (https://cloud.google.com/config-connector/docs/how-to/install-namespaced), and Argo CD's
 * Application and ApplicationSet: runnel's Application deploys to `https://kubernetes.default.svc`, the cluster
 * Argo CD runs in, so with `delivery.argocd` that cluster is this one.
 */
function servedKinds(): Set<string> {
  const served = new Set(['v1/Namespace', 'core.cnrm.cloud.google.com/v1beta1/ConfigConnectorContext']);
  served.add('argoproj.io/v1alpha1/Application').add('argoproj.io/v1alpha1/ApplicationSet');
  // Read from the CRDs by the CRD helper, once per change of them (their YAML is ~1 s of CPU to parse).
  for (const kind of servedCrdKinds('config-connector')) served.add(kind);
  return served;
}
const SERVED = servedKinds();

/**
 * What `kubectl apply -f DIR -R` reads, and how: cli-runtime walks DIR recursively and, for every file it was not
 * named explicitly, skips it unless `filepath.Ext` is .json, .yaml or .yml (ExpandPathsToFileVisitors and ignoreFile in
 * k8s.io/cli-runtime pkg/resource/visitor.go, FileExtensions in builder.go); kubeconform reads the same suffixes
 * (isYAMLFile, isJSONFile in yannh/kubeconform pkg/resource/files.go). Empty and `null` documents are skipped;
 * every other document must be an object whose kind the cluster serves. Returns one line per problem.
 */
function kubectlProblems(dir: string): string[] {
  const problems: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else if (['.json', '.yaml', '.yml'].includes(extname(e.name))) {
        for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
          const o = doc.toJSON();
          if (o === null || o === undefined) continue;
          const where = relative(dir, path);
          if (doc.errors.length > 0) problems.push(`${where}: not YAML`);
          else if (typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string')
            problems.push(`${where}: an object without apiVersion and kind`);
          else if (!SERVED.has(`${o.apiVersion}/${o.kind}`)) problems.push(`${where}: ${o.apiVersion} ${o.kind} is not served`);
        }
      }
    }
  };
  walk(dir);
  return problems;
}

async function synthInto(topology: string, extra: string[] = []): Promise<{ dist: string; gcloud: string; stderr: string[] }> {
  const dir = tempDir('kubectl-walk');
  const stderr: string[] = [];
  const code = await runCli(['synth', '--topology', topology, '--out', join(dir, 'dist'), ...extra], {
    out: () => undefined,
    err: (line) => stderr.push(line),
    env: {},
  });
  expect([code, stderr]).toEqual([0, expect.any(Array)]);
  return { dist: join(dir, 'dist'), gcloud: join(dir, 'dist-gcloud'), stderr };
}

const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

describe('kubectl apply -f dist -R reads only objects a Config Connector cluster serves', () => {
  test('Knative mode: the Knative Services and invoker policies are beside dist/, in dist-gcloud/', async () => {
    const { dist, gcloud } = await synthInto(join(root, 'topology.yaml'));
    expect(kubectlProblems(dist)).toEqual([]);
    expect(files(dist).filter((f) => f.startsWith('cloud-run'))).toEqual([]);
    expect(files(gcloud)).toEqual([
      '.runnel-output',
      'cloud-run-iam/batch-service.yaml',
      'cloud-run-iam/client-service.yaml',
      'cloud-run-iam/server-service.yaml',
      'cloud-run/batch-service.yaml',
      'cloud-run/client-service.yaml',
      'cloud-run/server-service.yaml',
    ]);
    // What moved is what kubectl would have refused: Knative Services (no Knative CRD) and kind-less policy files.
    const problems = kubectlProblems(gcloud);
    expect(problems.filter((p) => p.startsWith('cloud-run/'))).toEqual(
      ['batch', 'client', 'server'].map((s) => `cloud-run/${s}-service.yaml: serving.knative.dev/v1 Service is not served`),
    );
    expect(problems.filter((p) => p.startsWith('cloud-run-iam/')).length).toBe(3);
  });

  test('--gcloud-out DIR naming the same folder keeps the old layout, which kubectl would refuse (opt-in)', async () => {
    const dir = tempDir('kubectl-walk');
    const out = join(dir, 'dist');
    const code = await runCli(['synth', '--topology', join(root, 'topology.yaml'), '--out', out, '--gcloud-out', out, '-q'], {
      out: () => undefined,
      err: () => undefined,
      env: {},
    });
    expect(code).toBe(0);
    expect(files(out)).toContain('cloud-run/client-service.yaml');
    expect(kubectlProblems(out).length).toBe(6);
    expect(existsSync(join(dir, 'dist-gcloud'))).toBe(false);
  });

  test('Config Connector mode: everything is in dist/, and no gcloud folder is made', async () => {
    const { dist, gcloud } = await synthInto(join(root, 'test', 'golden', 'config-connector', 'topology.yaml'));
    expect(kubectlProblems(dist)).toEqual([]);
    expect(files(dist).some((f) => f.startsWith('config-connector/service-'))).toBe(true);
    expect(existsSync(gcloud)).toBe(false);
  });

  test.each(['knative', 'config-connector'])('environments in %s mode: dist/<env>/, and dist-gcloud/<env>/ beside it', async (mode) => {
    const golden = parse(readFileSync(join(root, 'test', 'golden', 'environments', 'topology.yaml'), 'utf8'));
    golden.delivery.cloudRun = mode;
    // An environment may be named like a gcloud folder: its Config Connector files still go to dist/cloud-run/.
    const [first, ...others] = Object.keys(golden.environments);
    golden.environments = {
      'cloud-run': golden.environments[first],
      ...Object.fromEntries(others.map((e) => [e, golden.environments[e]])),
    };
    const topology = join(tempDir('kubectl-walk'), 'topology.yaml');
    writeFileSync(topology, stringify(golden));
    const { dist, gcloud } = await synthInto(topology);
    expect(kubectlProblems(dist)).toEqual([]);
    const envs = Object.keys(golden.environments);
    expect(envs.length).toBeGreaterThan(1);
    for (const env of envs) {
      expect(files(join(dist, env)).some((f) => f.startsWith('config-connector/'))).toBe(true);
      if (mode === 'knative') expect(files(join(gcloud, env)).some((f) => f.startsWith('cloud-run/'))).toBe(true);
    }
    if (mode !== 'knative') {
      expect(existsSync(gcloud)).toBe(false);
      return;
    }
    // synth --env replaces one environment's folders only, in both places.
    const other = join(gcloud, envs[1], 'cloud-run-iam');
    const before = files(other).map((f) => readFileSync(join(other, f), 'utf8'));
    const again = await runCli(['synth', '--topology', topology, '--out', dist, '--env', envs[0], '-q'], {
      out: () => undefined,
      err: () => undefined,
      env: {},
    });
    expect(again).toBe(0);
    expect(files(other).map((f) => readFileSync(join(other, f), 'utf8'))).toEqual(before);
    expect(files(join(gcloud, envs[0])).some((f) => f.startsWith('cloud-run/'))).toBe(true);
    expect(kubectlProblems(dist)).toEqual([]);
  });

  test('environments with Argo CD’s git files generator: each environment’s parameters are in a file the tools skip', async () => {
    const golden = parse(readFileSync(join(root, 'test', 'golden', 'environments', 'topology.yaml'), 'utf8'));
    golden.delivery.argocd.generator = 'git';
    const topology = join(tempDir('kubectl-walk'), 'topology.yaml');
    writeFileSync(topology, stringify(golden));
    const { dist } = await synthInto(topology);
    const params = files(dist).filter((f) => f.endsWith('/environment.params'));
    expect(params.length).toBe(Object.keys(golden.environments).length);
    for (const f of params) expect(JSON.parse(readFileSync(join(dist, f), 'utf8')).environment).toBe(f.split('/')[0]);
    expect(kubectlProblems(dist)).toEqual([]);
    // Named .json, as before, the walk refuses it.
    writeFileSync(join(dist, params[0].replace(/\.params$/, '.json')), readFileSync(join(dist, params[0])));
    expect(kubectlProblems(dist)).toEqual([`${params[0].replace(/\.params$/, '.json')}: an object without apiVersion and kind`]);
  });

  test('switching to Config Connector mode empties an earlier gcloud folder: nothing stale stays applyable', async () => {
    const { dist, gcloud } = await synthInto(join(root, 'topology.yaml'));
    expect(files(gcloud).length).toBe(7);
    const code = await runCli(
      ['synth', '--topology', join(root, 'test', 'golden', 'config-connector', 'topology.yaml'), '--out', dist, '-q'],
      {
        out: () => undefined,
        err: () => undefined,
        env: {},
      },
    );
    expect(code).toBe(0);
    expect(files(gcloud)).toEqual(['.runnel-output']);
  });

  test('folders one inside the other are refused before anything is written', async () => {
    const dir = tempDir('kubectl-walk');
    const err: string[] = [];
    const code = await runCli(
      ['synth', '--topology', join(root, 'topology.yaml'), '--out', join(dir, 'dist'), '--gcloud-out', join(dir, 'dist', 'gcloud')],
      { out: () => undefined, err: (l) => err.push(l), env: {} },
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/one inside the other/);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });
});
