import { tempDir, workspace } from './temp';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/run';

export interface CliOutcome {
  /** The exit code the process would have: an exception escaping runCli is a runnel bug, exit 3. */
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs `runnel <command> --topology <file>` in process on `topology` (an object, or YAML text). Every call of a
 * test file writes the same topology file, and `synth` writes to the same output folder, as a user running it
 * again does: it rewrites only the files that changed (a fresh folder per call made ~40 files each time).
 */
export async function runOn(command: 'check' | 'synth', topology: unknown, extra: readonly string[] = []): Promise<CliOutcome> {
  const dir = workspace('cli-run');
  const file = join(dir, 'topology.yaml');
  writeFileSync(file, typeof topology === 'string' ? topology : stringify(topology));
  const out: string[] = [];
  const err: string[] = [];
  const args = [command, '--topology', file, ...(command === 'synth' ? ['--out', join(dir, 'dist')] : []), ...extra];
  let code: number;
  try {
    code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  } catch (e) {
    err.push(`internal error: ${(e as Error).message}`);
    code = 3;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The same through the built CLI (`node lib/runnel.js`, built by jest's global set-up): the real exit code. */
export function runBuilt(command: 'check' | 'synth', topology: unknown, extra: readonly string[] = []): CliOutcome {
  const dir = tempDir('cli-built');
  const file = join(dir, 'topology.yaml');
  writeFileSync(file, typeof topology === 'string' ? topology : stringify(topology));
  const args = [command, '--topology', file, ...(command === 'synth' ? ['--out', join(dir, 'dist')] : []), ...extra];
  const root = join(__dirname, '..', '..');
  const r = spawnSync(process.execPath, [join(root, 'lib', 'runnel.js'), ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
