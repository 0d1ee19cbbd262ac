import type { CliIo } from './io';
import { closest, distance } from 'fastest-levenshtein';
import { constants as osConstants } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { diffJson, diffMarkdown, diffOutputs, formatDiff, needsRecreate } from './diff';
import { FINDINGS_FORMATS, FindingsFormat, printFindings } from './findings-format';
import { initTopology, InitRefused } from './init';
import { committedOutput } from './git-output';
import { loadTopologyFile, TopologyFileRefused } from '../input/load';
import { readServiceManifests } from '../input/service-manifest';
import { OutputInterrupted, OutputRefused, OUTPUT_MARKER, replaceDirectory, ReplaceOptions, writeFiles } from '../output/write';
import { locateFindings, synthesizeTopology, SynthResult } from '../synth';
import { hasErrors, validateTopology } from '../validate/engine';
import { formatFinding, oneLine } from '../check/report';
import { version } from '../../package.json';
import { gcloudOutputFolder } from '../names';
import { topologyPath, TOPOLOGY_ENV } from './topology-path';
import { environmentFiles, environmentUsageProblem, ENVIRONMENT_OPTIONS_HELP, PROMOTION_HELP, promotionDiff } from './environments';
import { runImport } from './import';
import { EXPLAIN_HELP, runExplain } from './explain';

export type { CliIo } from './io';

const OPTIONS_HELP = `  --topology FILE   topology file (default: $${TOPOLOGY_ENV}, else topology.yaml; a regular file of at most 4 MiB)
  --format F        findings as text (default, one line each on stderr), json (one document on stdout) or
                    github (GitHub Actions annotations on stdout: ::error file=...,line=...::...)
  --json            the same as --format json
  -q, --quiet       print errors only: no warnings, no file list, no "is valid"
${ENVIRONMENT_OPTIONS_HELP}
  -h, --help        print this help`;

/** Each command's one-line summary and its own help. */
const COMMANDS: Record<string, { summary: string; help: string }> = {
  synth: {
    summary: 'validate the topology and write the manifests to DIR (default dist), replacing it whole',
    help: `usage: runnel synth [--topology FILE] [--out DIR] [--gcloud-out DIR] [--force] [--json]

Validates the topology and, when it has no errors, replaces DIR (default dist) whole with the Kubernetes
manifests, and the gcloud folder (default DIR-gcloud) whole with the files gcloud applies (Knative mode's
cloud-run/ and cloud-run-iam/), so \`kubectl apply -f DIR -R\` and kubeconform read Kubernetes objects only.
On any error both are left as they were. Each must be empty, absent, or written by runnel (it holds
${OUTPUT_MARKER}); runnel never replaces a folder holding the working directory, the topology file or a .git.
A symlink is followed: the folder it points at is replaced and the link stays.
  --out DIR         output folder of the Kubernetes manifests (default dist)
  --gcloud-out DIR  output folder of the gcloud files (default DIR-gcloud); the same folder as --out keeps
                    them among the manifests, as runnel did before 0.2
  --force           also replace a non-empty folder that runnel did not write
${OPTIONS_HELP}`,
  },
  check: {
    summary: 'validate only; write nothing',
    help: `usage: runnel check [--topology FILE] [--json]

Validates the topology and prints every finding; writes nothing.
${OPTIONS_HELP}`,
  },
  diff: {
    summary: 'what synth would change against DIR as committed at GIT_REF (default HEAD); writes nothing',
    help: `usage: runnel diff [GIT_REF] [--topology FILE] [--out DIR] [--gcloud-out DIR] [--format text|json|markdown] [--exit-code]

Prints what synth would add, change and remove against DIR (default dist) as committed at GIT_REF
(default HEAD), resource by resource and field by field (named list items, such as env vars, containers
and ports, by name), flagging changes GCP cannot make in place. Writes nothing.
  --out DIR         output folder to compare with (default dist)
  --gcloud-out DIR  folder of the gcloud files to compare with (default DIR-gcloud)
  --format F        the changes as text (default), json (one document) or markdown (a pull-request comment);
                    findings, if any, as text
  --exit-code       exit 1 when anything changes and 4 when a change needs a recreate (0: no change)
  --from ENV --to ENV  compare a promotion instead: see below
${OPTIONS_HELP}

${PROMOTION_HELP}`,
  },
  init: {
    summary: 'write a commented starting topology.yaml (never overwrites) and ignore runnel leftovers in .gitignore',
    help: `usage: runnel init [--topology FILE]

Writes a commented starting topology (default topology.yaml) and adds ${'`.runnel-*`'} to the .gitignore beside it.
Refuses to overwrite an existing file.
  --topology FILE   where to write it (default topology.yaml)
  -h, --help        print this help`,
  },
  explain: { summary: 'trace CALLER -> CALLEE (or a backend, or internet) hop by hop; writes nothing', help: EXPLAIN_HELP },
  help: { summary: "print this help, or a command's: runnel help synth", help: '' },
};

const USAGE = `usage: runnel <command> [options]

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(7)}  ${c.summary}`)
  .join('\n')}

Options: --topology FILE, --out DIR, --force, --format text|json|github, --json, -q/--quiet, -h/--help, --version
(runnel help COMMAND for details).
Exit codes: 0 success (warnings allowed), 1 the topology has errors, 2 usage or I/O problem, 3 internal error
(a runnel bug), 130/143 interrupted (SIGINT/SIGTERM; the output folder is left as it was); with diff --exit-code,
1 something changes and 4 a change needs a recreate.`;

/** Exits on a usage problem: one line saying what is wrong, then where to read more. */
function usageError(io: CliIo, message: string, fix = 'see `runnel --help`'): number {
  io.err(`runnel: ${message} (fix: ${fix})`);
  return 2;
}

function didYouMean(command: string): string {
  const names = Object.keys(COMMANDS);
  const best = closest(command, names);
  return distance(command, best) <= Math.max(2, Math.floor(best.length / 3)) ? `; did you mean ${JSON.stringify(best)}?` : '';
}

/**
 * Exit codes: 0 success, 1 the topology has errors, 2 usage or I/O problem, 128+n killed by signal n while
 * writing. A promise when the command writes output (the write yields so SIGINT/SIGTERM can stop it cleanly).
 */
export function runCli(argv: readonly string[], io: CliIo): number | Promise<number> {
  // `runnel import <dir>` has its own options and file (src/cli/import.ts).
  if (argv[0] === 'import') return runImport(argv.slice(1), io);
  if (argv[0] === 'explain') return runExplain(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        topology: { type: 'string' },
        out: { type: 'string' },
        'gcloud-out': { type: 'string' },
        json: { type: 'boolean' },
        format: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'exit-code': { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        env: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
      },
    });
  } catch (e) {
    return usageError(io, oneLine((e as Error).message));
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.version) {
    io.out(`runnel ${version}`);
    return 0;
  }
  if (command === 'help' || (parsed.values.help && command === undefined)) {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic === undefined || topic === 'help') io.out(USAGE);
    else if (COMMANDS[topic]?.help) io.out(COMMANDS[topic].help);
    else return usageError(io, `no help for ${JSON.stringify(topic)}${didYouMean(topic)}`);
    return 0;
  }
  if (command === undefined) return usageError(io, 'no command given: use init, synth, check or diff');
  if (command !== 'synth' && command !== 'check' && command !== 'diff' && command !== 'init') {
    return usageError(io, `unknown command ${JSON.stringify(command)}${didYouMean(command)}`);
  }
  if (parsed.values.help) {
    io.out(COMMANDS[command].help);
    return 0;
  }
  if (command === 'init') {
    if (rest.length > 0) return usageError(io, `unexpected argument ${JSON.stringify(rest[0])} after init`);
    return init(topologyPath(parsed.values.topology, io.env), parsed.values.quiet === true, io);
  }
  const diffFormats = ['text', 'json', 'markdown'];
  const format = parsed.values.format ?? (parsed.values.json ? 'json' : 'text');
  if (command === 'diff' ? !diffFormats.includes(format) : !(FINDINGS_FORMATS as readonly string[]).includes(format)) {
    const allowed = command === 'diff' ? diffFormats : FINDINGS_FORMATS;
    return usageError(io, `--format ${JSON.stringify(format)} is not one of ${allowed.join(', ')}`, `pass --format ${allowed[0]}`);
  }
  if (parsed.values['exit-code'] && command !== 'diff') return usageError(io, '--exit-code is an option of diff only');
  const findingsFormat: FindingsFormat = command === 'diff' ? 'text' : (format as FindingsFormat);
  const quiet = parsed.values.quiet === true;
  if (rest.length > (command === 'diff' ? 1 : 0))
    return usageError(io, `unexpected argument ${JSON.stringify(rest[rest.length - 1])} after ${command}`);
  if (parsed.values.out !== undefined && parsed.values.out.trim() === '') {
    return usageError(io, '--out is "" (an unset variable?)', 'pass a folder name, e.g. --out dist');
  }
  if (parsed.values['gcloud-out'] !== undefined && parsed.values['gcloud-out'].trim() === '') {
    return usageError(io, '--gcloud-out is "" (an unset variable?)', 'pass a folder name, e.g. --gcloud-out dist-gcloud');
  }
  const gcloudOut = parsed.values['gcloud-out'] ?? gcloudOutputFolder(parsed.values.out ?? 'dist');
  const nested = nestedFolders(parsed.values.out ?? 'dist', gcloudOut);
  if (nested)
    return usageError(io, nested, 'pass folders side by side, e.g. --out dist --gcloud-out dist-gcloud, or the same folder twice');
  if (parsed.values.topology !== undefined && parsed.values.topology.trim() === '') {
    return usageError(io, '--topology is "" (an unset variable?)', 'pass a file name, e.g. --topology topology.yaml');
  }
  const { env, from, to } = parsed.values;
  if ((from !== undefined || to !== undefined) && (command !== 'diff' || from === undefined || to === undefined || from === to || env))
    return usageError(io, '--from and --to go together, with diff, naming two environments', 'runnel diff --from staging --to prod');
  // check runs the rules only: rendering cannot find a problem in a topology the rules accept (one would be a runnel bug).
  const file = topologyPath(parsed.values.topology, io.env);
  const outcome = loadAndSynthesize(file, findingsFormat, quiet, io, command !== 'check', [env, from, to]);
  if (typeof outcome === 'number') return outcome;
  const { source, input } = outcome;
  // --env: the environment's own folder, DIR/<env>, laid out as a topology without environments.
  const result = env === undefined ? outcome.result : { ...outcome.result, files: environmentFiles(outcome.result.files, env) };
  if (hasErrors(result.findings)) {
    io.err(`runnel: ${result.findings.filter((f) => f.severity === 'error').length} error(s) in ${oneLine(source)}; nothing written`);
    return 1;
  }
  if (command === 'check') {
    if (findingsFormat === 'text' && !quiet) io.err(`runnel: ${oneLine(source)} is valid`);
    return 0;
  }
  const base = parsed.values.out ?? 'dist';
  const outDir = env === undefined ? base : `${base}/${env}`;
  const gcloudDir = env === undefined ? gcloudOut : `${gcloudOut}/${env}`;
  if (command === 'diff' && from !== undefined && to !== undefined)
    return promote(
      input as Record<string, unknown>,
      from,
      to,
      rest[0] ?? 'HEAD',
      base,
      sameFolder(base, gcloudOut) ? undefined : gcloudOut,
      format as 'text' | 'json' | 'markdown',
      parsed.values['exit-code'] === true,
      io,
    );
  if (command === 'diff')
    return diff(
      rest[0] ?? 'HEAD',
      sameFolder(outDir, gcloudDir) ? [outDir] : [outDir, gcloudDir],
      result.files,
      format as 'text' | 'json' | 'markdown',
      parsed.values['exit-code'] === true,
      io,
    );
  const options: ReplaceOptions = { force: parsed.values.force === true, protect: [file], ...faultOptions(io.env) };
  const terse = findingsFormat !== 'text' || quiet;
  if (sameFolder(outDir, gcloudDir)) return write(outDir, result.files, options, terse, io);
  return writeBoth(outDir, gcloudDir, result.files, options, terse, io);
}

/**
 * The Kubernetes manifests into `outDir`, then the gcloud files into `gcloudDir`, each folder replaced whole the
 * way `write` does (the second only once the first succeeded). Config Connector mode has no gcloud files: no folder,
 * unless an earlier synth left one, which is emptied so nothing stale stays applyable.
 */
async function writeBoth(
  outDir: string,
  gcloudDir: string,
  files: SynthResult['files'],
  options: ReplaceOptions,
  terse: boolean,
  io: CliIo,
): Promise<number> {
  const written = await write(
    outDir,
    files.filter((f) => !f.gcloud),
    options,
    terse,
    io,
  );
  const gcloudFiles = files.filter((f) => f.gcloud);
  if (written !== 0 || (gcloudFiles.length === 0 && !existsSync(gcloudDir))) return written;
  return write(gcloudDir, gcloudFiles, options, terse, io);
}

function sameFolder(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

/** Why two output folders cannot be used together: one inside the other would be replaced with it. */
function nestedFolders(out: string, gcloudOut: string): string | undefined {
  if (sameFolder(out, gcloudOut)) return undefined;
  const inside = (a: string, b: string) =>
    !relative(resolve(b), resolve(a)).startsWith('..') && !relative(resolve(b), resolve(a)).startsWith(sep);
  if (inside(gcloudOut, out) || inside(out, gcloudOut))
    return `--gcloud-out ${JSON.stringify(gcloudOut)} and --out ${JSON.stringify(out)} are one inside the other`;
  return undefined;
}

async function write(outDir: string, files: SynthResult['files'], options: ReplaceOptions, json: boolean, io: CliIo): Promise<number> {
  const shown = oneLine(outDir);
  try {
    const result = await replaceDirectory(outDir, files, { ...options, onNote: (note) => io.err(`runnel: ${oneLine(note)}`) });
    if (!result.changed) {
      if (!json) io.err(`runnel: ${shown} already holds this output: nothing written`);
      return 0;
    }
  } catch (e) {
    if (e instanceof OutputRefused) {
      io.err(`runnel: cannot write ${shown}: ${oneLine(e.message)} (fix: ${oneLine(e.fix)})`);
      return 2;
    }
    if (e instanceof OutputInterrupted) {
      io.err(`runnel: ${e.message}; ${shown} left as it was`);
      return 128 + (osConstants.signals[e.signal] ?? 0);
    }
    io.err(`runnel: cannot write ${shown}: ${oneLine((e as NodeJS.ErrnoException).code ?? (e as Error).message)}; ${shown} left as it was`);
    return 2;
  }
  // One write for the whole list: at 1,000 services, a write per file (3,700 of them, each a system call) cost ~50 ms.
  if (!json && files.length > 0) io.err(files.map((f) => `  ${shown}/${oneLine(f.path)}`).join('\n'));
  return 0;
}

/**
 * Fault injection for the tests of the write path, never set by users: RUNNEL_FAULT=STEP:ACTION runs ACTION
 * at STEP of the replacement (ACTION `kill` is SIGKILL, `SIGTERM`/`SIGINT` send that signal, `fail` throws),
 * and RUNNEL_LOCK_WAIT_MS shortens the wait for another run's lock.
 */
function faultOptions(env: NodeJS.ProcessEnv): Pick<ReplaceOptions, 'onStep' | 'lockWaitMs'> {
  const wait = env.RUNNEL_LOCK_WAIT_MS === undefined ? undefined : Number(env.RUNNEL_LOCK_WAIT_MS);
  const [step, action] = (env.RUNNEL_FAULT ?? '').split(':');
  if (!step) return { lockWaitMs: wait };
  return {
    lockWaitMs: wait,
    onStep: (at) => {
      if (at !== step) return;
      if (action === 'fail') throw Object.assign(new Error('injected fault'), { code: 'EACCES' });
      process.kill(process.pid, action === 'kill' ? 'SIGKILL' : (action as NodeJS.Signals));
    },
  };
}

/** `runnel init`: the seed topology, never over an existing file. */
function init(file: string, quiet: boolean, io: CliIo): number {
  try {
    const done = initTopology(file);
    if (!quiet) for (const line of done) io.err(`runnel: ${oneLine(line)}`);
    return 0;
  } catch (e) {
    if (e instanceof InitRefused) return usageError(io, oneLine(e.message), e.fix);
    io.err(`runnel: cannot write ${JSON.stringify(file)}: ${oneLine((e as NodeJS.ErrnoException).code ?? (e as Error).message)}`);
    return 2;
  }
}

/**
 * Reads, validates and (when `render`) renders a topology file, reporting findings; a number is an exit code for
 * I/O failure.
 */
function loadAndSynthesize(
  file: string,
  format: FindingsFormat,
  quiet: boolean,
  io: CliIo,
  render = true,
  environments: ReadonlyArray<string | undefined> = [],
): number | { source: string; input: unknown; result: SynthResult } {
  let loaded;
  try {
    loaded = loadTopologyFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const fix =
      e instanceof TopologyFileRefused
        ? e.fix
        : code === 'ENOENT'
          ? `create it, or pass --topology FILE or set ${TOPOLOGY_ENV}`
          : 'check the path and its permissions';
    io.err(
      `runnel: cannot read ${JSON.stringify(file)}: ${oneLine(e instanceof TopologyFileRefused ? e.message : (code ?? (e as Error).message))} (fix: ${fix})`,
    );
    return 2;
  }
  const problem = loaded.findings.length > 0 ? undefined : environmentUsageProblem(loaded.input, environments);
  if (problem) return usageError(io, problem, 'name an environment of the topology');
  const only = environments[0] === undefined ? {} : { environment: environments[0] };
  // Only json and github print a finding's line; finding it re-parses the file with the careful parser (for a
  // 1,000-service topology with many warnings, a tenth of the synth's CPU), so the text format does not.
  const lineOf = format === 'text' ? undefined : loaded.lineOf;
  const manifests = loaded.findings.length > 0 ? undefined : readServiceManifests(loaded.input, dirname(file));
  const result =
    loaded.findings.length > 0
      ? { findings: loaded.findings, files: [] }
      : render
        ? synthesizeTopology(loaded.input, lineOf, { ...only, manifests })
        : { findings: locateFindings(validateTopology(loaded.input, manifests).findings, lineOf), files: [] };
  printFindings(loaded.source, result.findings, format, quiet, io);
  return { source: loaded.source, input: loaded.input, result };
}

function diff(
  ref: string,
  folders: readonly string[],
  files: SynthResult['files'],
  format: 'text' | 'json' | 'markdown',
  exitCode: boolean,
  io: CliIo,
): number {
  const outDir = folders[0];
  let before;
  try {
    // The gcloud folder's paths (cloud-run/, cloud-run-iam/) never occur in the Kubernetes one: one list.
    before = folders.flatMap((folder) => committedOutput(ref, resolve(folder), process.cwd()));
  } catch (e) {
    const detail = String((e as { stderr?: string }).stderr ?? (e as Error).message)
      .trim()
      .split('\n')[0];
    io.err(
      `runnel: cannot read ${oneLine(outDir)}/ at ${oneLine(ref)}: ${oneLine(detail) || 'not a git commit'} (fix: run inside the git repository, with a ref such as HEAD or main)`,
    );
    return 2;
  }
  const changes = diffOutputs(before, files);
  const against = `${folders.map((f) => `${oneLine(f)}/`).join(' and ')} at ${oneLine(ref)}`;
  io.out(
    format === 'json' ? diffJson(changes, against) : format === 'markdown' ? diffMarkdown(changes, against) : formatDiff(changes, against),
  );
  if (!exitCode || changes.length === 0) return 0;
  return needsRecreate(changes) ? 4 : 1;
}

function promote(
  input: Record<string, unknown>,
  from: string,
  to: string,
  ref: string,
  outDir: string,
  gcloudOutDir: string | undefined,
  format: 'text' | 'json' | 'markdown',
  exitCode: boolean,
  io: CliIo,
): number {
  let outcome;
  try {
    outcome = promotionDiff(input, from, to, ref, outDir, process.cwd(), gcloudOutDir);
  } catch (e) {
    const detail = String((e as { stderr?: string }).stderr ?? (e as Error).message)
      .trim()
      .split('\n')[0];
    io.err(
      `runnel: cannot read ${oneLine(outDir)}/${oneLine(to)}/ at ${oneLine(ref)}: ${oneLine(detail) || 'not a git commit'} (fix: run inside the git repository, with a ref such as HEAD or main)`,
    );
    return 2;
  }
  if (!outcome.changes) {
    for (const f of outcome.findings) io.err(formatFinding(`${from} as ${to}`, f));
    io.err(`runnel: ${oneLine(from)}'s shape is not a valid topology for ${oneLine(to)}; nothing compared`);
    return 1;
  }
  io.out(outcome.report(format));
  if (!exitCode || outcome.changes.length === 0) return 0;
  return needsRecreate(outcome.changes) ? 4 : 1;
}

/**
 * For the cdk8s app: validate and write the Kubernetes manifests into a folder the cdk8s CLI has just emptied, and
 * the gcloud files into the folder beside it (replaced whole, with synth's safety: the cdk8s CLI does not empty it).
 */
export function synthIntoFolder(outDir: string, io: CliIo): number | Promise<number> {
  const outcome = loadAndSynthesize(topologyPath(undefined, io.env), 'text', false, io);
  if (typeof outcome === 'number') return outcome;
  if (hasErrors(outcome.result.findings)) return 1;
  const files = outcome.result.files;
  writeFiles(
    outDir,
    files.filter((f) => !f.gcloud),
  );
  const gcloudDir = gcloudOutputFolder(outDir);
  const gcloudFiles = files.filter((f) => f.gcloud);
  if (gcloudFiles.length === 0 && !existsSync(gcloudDir)) return 0;
  return write(gcloudDir, gcloudFiles, { protect: [topologyPath(undefined, io.env)] }, true, io);
}
