/**
 * `npm run bench`: how fast runnel synthesizes, by topology size, as whole commands on this machine.
 *
 * For the default topology and generated topologies of 1, 10, 100 and 1,000 services (bench/topology.ts), and
 * the 100- and 1,000-service ones in shared load balancing mode (10 in a smoke run),
 * measures the median wall time and peak memory of
 *   (a) the README's synth command      node lib/runnel.js synth
 *   (b) the cdk8s CLI                   npx cdk8s synth (cdk8s.yaml: node lib/cdk8s-app.js)
 *   (c) validation alone                node lib/runnel.js check
 * against `node -e ''` measured in the same run, and `npx cdk8s synth` with the `cdk8s init` default app
 * (`npx ts-node`) on the default topology. Writes bench/RESULTS.md and prints the table.
 * Speed is measured here, never asserted in tests.
 *
 *   --smoke        one run, sizes 1 and 10, no ts-node baseline, no goals judged: proves every measured command
 *                  runs and succeeds (CI runs it after the tests; a failed command exits non-zero)
 *   --out FILE     where to write the results (default bench/RESULTS.md)
 *   --baseline DIR lib/ of the previous release, built: its synth of the same topologies is measured in the same run
 *   --sizes LIST   only these generated topologies, e.g. `--sizes 100,1000` (each in both load-balancing modes where
 *                  the full run has it: 100 and 1000 shared); the default topology and the ts-node baseline are
 *                  left out, and goals are judged only on rows measured
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { synthesizeTopology } from '../src/synth';
import { Command, measure, Measurement, measureSideBySide, median } from './measure';
import { benchTopology } from './topology';

const root = resolve(__dirname, '..');
const { values } = parseArgs({
  options: { smoke: { type: 'boolean' }, out: { type: 'string' }, baseline: { type: 'string' }, sizes: { type: 'string' } },
});
/** lib/ of the previous release, built (see README): its synth is measured beside this one's, in the same run. */
const baseline = values.baseline === undefined ? undefined : resolve(values.baseline);
const smoke = values.smoke === true;
/** `--sizes`: a chosen few of the generated topologies (the full run is slow); undefined for every size. */
const chosen = values.sizes?.split(',').map((s) => Number(s.trim()));
if (chosen?.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes takes sizes such as 100,1000, not ${values.sizes}`);
const SIZES = chosen ?? (smoke ? [1, 10] : [1, 10, 100, 1000]);
const SHARED_SIZES = chosen ? chosen.filter((n) => n >= 100) : smoke ? [10] : [100, 1000];
const runsFor = (size: number) => (smoke ? 1 : size >= 1000 ? 5 : 7);
const outFile = resolve(values.out ?? join(root, 'bench', 'RESULTS.md'));
// Inside the repository, where users write dist/ (the system temp folder can be far slower to write to).
const work = mkdtempSync(join(root, '.runnel-bench-'));
const CDK8S_ENV = { CDK8S_CHECK_UPGRADE: 'false' };

const node = (...args: string[]): Command => ({ argv: [process.execPath, ...args], cwd: root });
/** Whether the previous release reads this topology at all (it predates some fields the default topology uses). */
function previousAccepts(file: string): boolean {
  return spawnSync(process.execPath, [join(baseline!, 'runnel.js'), 'check', '--topology', file], { cwd: root }).status === 0;
}
/**
 * Each run writes `out` afresh: the previous run's output is moved aside (untimed) and removed with the rest of
 * the work folder at the end. Not removed before the run: on ext4 without a journal (this machine), creating a
 * file soon after many were deleted makes the kernel step over every recently freed inode (ext4's
 * `recently_deleted()`), so a run timed right after removing 3,673 files paid for that removal, once per file.
 */
let aside = 0;
const fresh = (cmd: Command, out: string): Command => ({
  ...cmd,
  before: () => {
    if (existsSync(out)) renameSync(out, `${out}.aside-${++aside}`);
  },
});
const cdk8s = (out: string, topology: string, app?: string): Command => ({
  argv: ['npx', 'cdk8s', 'synth', '--no-check-upgrade', '--output', out, ...(app ? ['--app', app] : [])],
  env: { ...CDK8S_ENV, RUNNEL_TOPOLOGY: topology },
  cwd: root,
});

interface Row {
  readonly label: string;
  readonly services: number;
  readonly objects: number;
  readonly files: number;
  readonly synth: Measurement;
  /** The same synth again over its own unchanged output (writes nothing). */
  readonly resynth: Measurement;
  /** The previous release's synth of the same topology (`--baseline`), each run writing afresh. */
  readonly previous?: Measurement;
  readonly cdk8s: Measurement;
  readonly check: Measurement;
  /** Median of synthesizeTopology in this process (no start-up): the part that grows with size. */
  readonly inProcessMs: number;
}

async function row(label: string, file: string, input: unknown, services: number): Promise<Row> {
  const runs = runsFor(services);
  const result = synthesizeTopology(input);
  if (result.files.length === 0) throw new Error(`bench topology ${label} is invalid: ${JSON.stringify(result.findings[0])}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    synthesizeTopology(input);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  // Every run writes afresh (the output folder removed before each, untimed), as the first synth of a change.
  const synth = fresh(node('lib/runnel.js', 'synth', '--topology', file, '--out', join(work, `out-${label}`)), join(work, `out-${label}`));
  // With a baseline, its runs alternate with this release's, so the machine's load weighs on both alike.
  const [ours, previous] =
    baseline && previousAccepts(file)
      ? await measureSideBySide(
          [
            synth,
            fresh(
              node(join(baseline, 'runnel.js'), 'synth', '--topology', file, '--out', join(work, `prev-${label}`)),
              join(work, `prev-${label}`),
            ),
          ],
          runs,
        )
      : [await measure(synth, runs), undefined];
  const r: Row = {
    label,
    services,
    objects: result.files.reduce((n, f) => n + f.objects.length, 0),
    files: result.files.length,
    synth: ours,
    resynth: await measure(node('lib/runnel.js', 'synth', '--topology', file, '--out', join(work, `out-${label}`)), runs),
    previous,
    cdk8s: await measure(cdk8s(join(work, `cdk8s-${label}`), file), runs),
    check: await measure(node('lib/runnel.js', 'check', '--topology', file), runs),
    inProcessMs: median(times),
  };
  process.stderr.write(
    `  ${label}: synth ${r.synth.ms.toFixed(0)} ms, cdk8s ${r.cdk8s.ms.toFixed(0)} ms, check ${r.check.ms.toFixed(0)} ms\n`,
  );
  return r;
}

function version(pkg: string): string {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const x = (n: number) => `${n.toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

async function main(): Promise<void> {
  const loadStart = loadavg()[0];
  process.stderr.write('building lib/ ...\n');
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts')], { cwd: root, stdio: 'inherit' });

  const floor = await measure(node('-e', ''), smoke ? 1 : 11);
  process.stderr.write(`  node -e '': ${f0(floor.ms)} ms\n`);
  const defaultFile = join(root, 'topology.yaml');
  const { parse } = await import('yaml');
  const rows: Row[] = chosen ? [] : [await row('default', defaultFile, parse(readFileSync(defaultFile, 'utf8')), 3)];
  for (const size of SIZES) {
    const file = join(work, `topology-${size}.yaml`);
    const input = benchTopology(size);
    writeFileSync(file, stringify(input));
    rows.push(await row(String(size), file, input, size));
  }
  // The same topologies with every callee behind one shared load balancer (loadBalancing.mode: shared).
  for (const size of SHARED_SIZES) {
    const file = join(work, `topology-${size}-shared.yaml`);
    const input = benchTopology(size, { loadBalancing: 'shared' });
    writeFileSync(file, stringify(input));
    rows.push(await row(`${size} shared`, file, input, size));
  }
  // Two regions with failover: every service in both (bench/topology.ts, `regions: 2`).
  for (const size of SHARED_SIZES) {
    const file = join(work, `topology-${size}-two-regions.yaml`);
    const input = benchTopology(size, { regions: 2 });
    writeFileSync(file, stringify(input));
    rows.push(await row(`${size} two regions`, file, input, size));
  }
  const tsNode =
    smoke || chosen ? undefined : await measure(cdk8s(join(work, 'cdk8s-ts-node'), defaultFile, 'npx ts-node src/cli/cdk8s-app.ts'), 5);

  const def = rows.find((r) => r.label === 'default');
  const byLabel = (l: string) => rows.find((r) => r.label === l);
  const r100 = byLabel('100');
  const r1000 = byLabel('1000');
  const lines: string[] = [];
  lines.push('# Synthesis benchmark', '');
  lines.push(
    `Written by \`npm run bench\`${smoke ? ' (smoke run: one run per figure, not a result)' : ''} on ${new Date().toISOString().slice(0, 10)}.`,
  );
  lines.push('');
  lines.push('## Machine and versions', '');
  lines.push(
    `- ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${f0(totalmem() / 2 ** 30)} GiB, ${process.platform} ${process.arch}`,
  );
  lines.push(
    `- Node.js ${process.version}, cdk8s ${version('cdk8s')}, cdk8s-cli ${version('cdk8s-cli')}, esbuild ${version('esbuild')}, TypeScript ${version('typescript')}, ts-node ${version('ts-node')}`,
  );
  // Other processes on the machine slow every figure; the load says how busy it was (the ratios below compare runs
  // of the same moment).
  lines.push(`- load average (1 min) at the start ${loadStart.toFixed(1)}, at the end ${loadavg()[0].toFixed(1)}`);
  lines.push('');
  lines.push('## Method', '');
  lines.push(
    `Each figure is the median wall time of ${smoke ? 'one run' : '7 runs (5 for 1,000 services)'} of the whole command, started from a`,
  );
  lines.push('Node.js process; peak memory is one further run, summing the RSS of the command and every process it');
  lines.push('spawns (read from /proc every 5 ms). Output goes to a folder inside the repository, as dist/ does.');
  lines.push("A synth run writes its output afresh: the previous run's output is moved aside before it (untimed), and");
  lines.push('all are removed at the end. They are not removed between runs: on ext4 without a journal (as here), creating');
  lines.push('files soon after thousands were deleted steps over each recently freed inode (`recently_deleted()` in');
  lines.push('fs/ext4/ialloc.c), which made every run pay for the removal of the one before.');
  lines.push("`node -e ''` is the floor, measured in the same run:");
  lines.push(`**${f0(floor.ms)} ms, ${f0(floor.peakMb)} MB**. "in-process" is \`synthesizeTopology\` alone (validate + render, no`);
  lines.push('start-up, no file writes), the part that grows with the topology. "sys" is the kernel time of the synth runs:');
  lines.push("mostly writing and replacing the output's files, it varies most from run to run. Topologies: bench/topology.ts.");
  lines.push('');
  lines.push('## Results', '');
  if (chosen)
    lines.push(
      `Only the topologies chosen with \`--sizes ${values.sizes}\` were measured in this run; the default topology, the other sizes`,
      'and the `cdk8s init` baseline were not (see this file in git history for a full run).',
      '',
    );
  lines.push(
    '| topology | services | objects | files | (a) `node lib/runnel.js synth` | × floor | re-synth, unchanged | (b) `npx cdk8s synth` | × floor | (c) `check` (validation) | × floor | in-process |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    lines.push(
      `| ${r.label} | ${r.services} | ${r.objects} | ${r.files} | ${f0(r.synth.ms)} ms (sys ${f0(r.synth.sysMs)} ms), ${f0(r.synth.peakMb)} MB | ${x(r.synth.ms / floor.ms)} | ${f0(r.resynth.ms)} ms | ` +
        `${f0(r.cdk8s.ms)} ms, ${f0(r.cdk8s.peakMb)} MB | ${x(r.cdk8s.ms / floor.ms)} | ` +
        `${f0(r.check.ms)} ms, ${f0(r.check.peakMb)} MB | ${x(r.check.ms / floor.ms)} | ${f1(r.inProcessMs)} ms |`,
    );
  }
  if (tsNode && def) {
    lines.push(
      `| default, \`cdk8s init\` app (\`npx ts-node src/cli/cdk8s-app.ts\`) | 3 | ${def.objects} | ${def.files} | | | | ${f0(tsNode.ms)} ms, ${f0(tsNode.peakMb)} MB | ${x(tsNode.ms / floor.ms)} | | | |`,
    );
  }
  lines.push('');
  if (baseline) {
    lines.push('## Against the previous release', '');
    lines.push(
      `\`--baseline ${relative(root, baseline) || baseline}\`: its \`synth\` of the same topologies, measured in the same run, each run`,
    );
    lines.push("writing its output afresh; the two releases' runs alternate (this, previous, this, ...).", '');
    lines.push('| topology | this release | previous release | ratio |', '|---|---:|---:|---:|');
    for (const r of rows) {
      if (r.previous) lines.push(`| ${r.label} | ${f0(r.synth.ms)} ms | ${f0(r.previous.ms)} ms | ${x(r.synth.ms / r.previous.ms)} |`);
      else lines.push(`| ${r.label} | ${f0(r.synth.ms)} ms | (refuses it: fields added since) | |`);
    }
    lines.push('');
  }
  lines.push('## Goals', '');
  if (smoke) {
    // One run per figure says nothing about a goal: a smoke run proves the commands work, it judges nothing.
    lines.push('Not judged in a smoke run.', '');
    writeFileSync(outFile, `${lines.join('\n')}\n`);
    process.stdout.write(`${lines.join('\n')}\nwritten to ${relative(process.cwd(), outFile) || outFile}\n`);
    return;
  }
  lines.push('| goal | measured | |');
  lines.push('|---|---|---|');
  if (def) {
    const synthRatio = def.synth.ms / floor.ms;
    lines.push(`| README synth of the default topology ≤ 4× \`node -e ''\` | ${x(synthRatio)} | ${verdict(synthRatio <= 4)} |`);
  }
  if (r1000 && r100) {
    const total = r1000.synth.ms;
    lines.push(`| 1,000 services: synth + validate ≤ 5 s | ${f0(total)} ms | ${verdict(total <= 5000)} |`);
    lines.push(`| 1,000 services: peak memory ≤ 500 MB | ${f0(r1000.synth.peakMb)} MB | ${verdict(r1000.synth.peakMb <= 500)} |`);
    const growth = r1000.synth.ms / r100.synth.ms;
    const inner = r1000.inProcessMs / r100.inProcessMs;
    lines.push(
      `| 1,000 services ≤ 12× the time of 100 | ${x(growth)} (in-process: ${x(inner)}) | ${verdict(growth <= 12 && inner <= 12)} |`,
    );
    if (r1000.previous) {
      const ratio = r1000.synth.ms / r1000.previous.ms;
      lines.push(`| 1,000 services: synth ≤ 0.65× the previous release | ${x(ratio)} | ${verdict(ratio <= 0.65)} |`);
    }
  }
  const s1000 = byLabel('1000 shared');
  if (s1000) {
    lines.push(
      `| 1,000 services, shared load balancer: synth + validate ≤ 5 s | ${f0(s1000.synth.ms)} ms | ${verdict(s1000.synth.ms <= 5000)} |`,
    );
    lines.push(
      `| 1,000 services, shared load balancer: peak memory ≤ 500 MB | ${f0(s1000.synth.peakMb)} MB | ${verdict(s1000.synth.peakMb <= 500)} |`,
    );
  }
  if (tsNode && def) {
    const ratio = def.cdk8s.ms / tsNode.ms;
    lines.push(
      `| \`npx cdk8s synth\` of the default topology ≤ 0.5× the ts-node default | ${x(ratio)} (${f0(def.cdk8s.ms)} vs ${f0(tsNode.ms)} ms) | ${verdict(ratio <= 0.5)} |`,
    );
  }
  lines.push('');
  const table = lines.join('\n');
  writeFileSync(outFile, `${table}\n`);
  process.stdout.write(`${table}\nwritten to ${relative(process.cwd(), outFile) || outFile}\n`);
}

main()
  .catch((e) => {
    process.stderr.write(`bench failed: ${(e as Error).message}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
