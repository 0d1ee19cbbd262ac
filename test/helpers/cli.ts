import { execFileSync, spawnSync, SpawnSyncOptions } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';

export const ROOT = join(__dirname, '..', '..');

/** `git ARGS` in `cwd` as a test's committer (no signing, whatever the machine's git config says); its stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=runnel-test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeout?: number;
  readonly uid?: number;
  readonly gid?: number;
}

/** Runs the built CLI (`node lib/runnel.js`, what `npm run synth` runs; jest's global set-up builds it). */
export function runnel(args: readonly string[], options: RunOptions = {}) {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, RUNNEL_FAULT: '', ...options.env },
    timeout: options.timeout ?? 60_000,
    uid: options.uid,
    gid: options.gid,
  };
  const r = spawnSync(process.execPath, [join(ROOT, 'lib', 'runnel.js'), ...args], spawnOptions);
  return { status: r.status, signal: r.signal, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export interface RunOutcome {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `runnel ARGS` in this process: the command runner the binary runs (src/cli/run.ts), with the working
 * directory and environment `runnel()` would give the process, and the same outcome (stdout and stderr as the
 * process would print them, one line each). Starting Node on the bundle costs ~0.2 s of CPU per call; this costs
 * what the command itself does. Use `runnel()` where the test is about the process: exit through Node, signals
 * and kills, stdin, a second process holding the lock, the bundle's stale-build check, the precompiled bundle
 * itself, or text Node prints (warnings, stack traces). An exception escaping the runner fails the test (the
 * process would exit 3 with a one-line "internal error"; test that with `runnel()`).
 */
export async function runnelHere(args: readonly string[], options: Pick<RunOptions, 'cwd' | 'env'> = {}): Promise<RunOutcome> {
  const env = { ...process.env, RUNNEL_FAULT: '', ...options.env };
  // A fault other than `fail` kills or signals the process: this one is jest's.
  if (env.RUNNEL_FAULT && !env.RUNNEL_FAULT.endsWith(':fail'))
    throw new Error(`RUNNEL_FAULT=${env.RUNNEL_FAULT} needs runnel(), not runnelHere()`);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io = {
    out: (line: string) => stdout.push(`${line}\n`),
    err: (line: string) => stderr.push(`${line}\n`),
    env,
  };
  // Jest runs one test at a time in a process, and the runner is awaited before the directory is restored.
  const before = process.cwd();
  process.chdir(options.cwd ?? ROOT);
  try {
    const status = await runCli(args, io);
    return { status, signal: null, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    process.chdir(before);
  }
}

/** Every file and link under `dir` (hidden ones too) with its content, for "left untouched" assertions. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isSymbolicLink()) out[`${rel}${e.name}`] = `-> ${readlinkSync(path)}`;
      else if (e.isDirectory()) walk(path, `${rel}${e.name}/`);
      else if (e.isFile()) out[`${rel}${e.name}`] = readFileSync(path, 'utf8');
      else out[`${rel}${e.name}`] = `(${lstatSync(path).mode.toString(8)})`;
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}

/** Lines a command printed on stderr, without the trailing empty one. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}
