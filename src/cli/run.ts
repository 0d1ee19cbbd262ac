import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { diffOutputs, formatDiff } from '../delivery/output-diff';
import { committedOutput } from './git-output';
import { loadTopologyFile } from '../topology/load';
import { replaceDirectory, writeFiles } from '../output/write';
import { locateFindings, synthesizeTopology, SynthResult } from '../synth';
import { hasErrors, validateTopology } from '../validation/engine';
import { Finding } from '../validation/finding';
import { formatFinding } from '../validation/report';
import { topologyPath, TOPOLOGY_ENV } from './topology-path';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

const USAGE = `usage: runnel <synth|check|diff [GIT_REF]> [--topology FILE] [--out DIR] [--json]

  synth   validate the topology and write the manifests to DIR (default dist), replacing it whole;
          on any error DIR is left untouched
  check   validate only; write nothing
  diff    what synth would add, change and remove against DIR as committed at GIT_REF (default HEAD),
          flagging changes GCP cannot make in place; writes nothing
  --topology FILE   topology file (default: $${TOPOLOGY_ENV}, else topology.yaml)
  --json            print findings as JSON on stdout`;

/** Exit codes: 0 success, 1 the topology has errors, 2 usage or I/O problem. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { topology: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
    });
  } catch (e) {
    io.err(`runnel: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (parsed.values.help) {
    io.out(USAGE);
    return 0;
  }
  if (command !== 'synth' && command !== 'check' && command !== 'diff') {
    io.err(`runnel: unknown command ${command === undefined ? '(none)' : JSON.stringify(command)}\n${USAGE}`);
    return 2;
  }
  // check runs the rules only: rendering cannot find a problem in a topology the rules accept (one would be a runnel bug).
  const outcome = loadAndSynthesize(topologyPath(parsed.values.topology, io.env), parsed.values.json === true, io, command !== 'check');
  if (typeof outcome === 'number') return outcome;
  const { source, result } = outcome;
  if (hasErrors(result.findings)) {
    io.err(`runnel: ${result.findings.filter((f) => f.severity === 'error').length} error(s) in ${source}; nothing written`);
    return 1;
  }
  if (command === 'check') {
    if (!parsed.values.json) io.err(`runnel: ${source} is valid`);
    return 0;
  }
  const outDir = parsed.values.out ?? 'dist';
  if (command === 'diff') return diff(parsed.positionals[1] ?? 'HEAD', outDir, result.files, io);
  try {
    replaceDirectory(outDir, result.files);
  } catch (e) {
    io.err(`runnel: cannot write ${outDir}: ${(e as Error).message}`);
    return 2;
  }
  if (!parsed.values.json) for (const f of result.files) io.err(`  ${outDir}/${f.path}`);
  return 0;
}

function report(source: string, findings: readonly Finding[], json: boolean, io: CliIo): void {
  if (json) {
    io.out(JSON.stringify({ source, findings }, null, 2));
    return;
  }
  for (const f of findings) io.err(formatFinding(source, f));
}

/**
 * Reads, validates and (when `render`) renders a topology file, reporting findings; a number is an exit code for
 * I/O failure.
 */
function loadAndSynthesize(file: string, json: boolean, io: CliIo, render = true): number | { source: string; result: SynthResult } {
  let loaded;
  try {
    loaded = loadTopologyFile(file);
  } catch (e) {
    io.err(`runnel: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (fix: create it, or pass --topology FILE or set ${TOPOLOGY_ENV})`);
    return 2;
  }
  const result =
    loaded.findings.length > 0
      ? { findings: loaded.findings, files: [] }
      : render
        ? synthesizeTopology(loaded.input, loaded.lineOf)
        : { findings: locateFindings(validateTopology(loaded.input).findings, loaded.lineOf), files: [] };
  report(loaded.source, result.findings, json, io);
  return { source: loaded.source, result };
}

function diff(ref: string, outDir: string, files: SynthResult['files'], io: CliIo): number {
  let before;
  try {
    before = committedOutput(ref, resolve(outDir), process.cwd());
  } catch (e) {
    const detail = String((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n')[0];
    io.err(`runnel: cannot read ${outDir}/ at ${ref}: ${detail || 'not a git commit'} (fix: run inside the git repository, with a ref such as HEAD or main)`);
    return 2;
  }
  io.out(formatDiff(diffOutputs(before, files), `${outDir}/ at ${ref}`));
  return 0;
}

/** For the cdk8s app: validate and write into a folder the cdk8s CLI has just emptied. */
export function synthIntoFolder(outDir: string, io: CliIo): number {
  const outcome = loadAndSynthesize(topologyPath(undefined, io.env), false, io);
  if (typeof outcome === 'number') return outcome;
  if (hasErrors(outcome.result.findings)) return 1;
  writeFiles(outDir, outcome.result.files);
  return 0;
}
