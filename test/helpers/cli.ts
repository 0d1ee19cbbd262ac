import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

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
