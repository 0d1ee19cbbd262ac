import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A command to measure: argv and environment. */
export interface Command {
  readonly argv: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Run before each run, untimed (e.g. remove the output folder so every run writes it afresh). */
  readonly before?: () => void;
}

export interface Measurement {
  /** Median wall time, ms. */
  readonly ms: number;
  /** Peak resident memory summed over the command's whole process tree, MB. */
  readonly peakMb: number;
  readonly runs: number;
  /** Mean kernel (system) CPU time per run, ms: file writes show here, and vary with the machine's write-back. */
  readonly sysMs: number;
}

/**
 * Times `runs` runs (median) without any sampler running beside them, then measures memory in one more run
 * by summing the RSS of the process and all its descendants from /proc every 5 ms (so `npx cdk8s synth`
 * counts npx, the CLI and the app it spawns). Fails when the command fails: a figure of a failed run lies.
 */
export async function measure(cmd: Command, runs: number): Promise<Measurement> {
  const times: number[] = [];
  const sysBefore = childrenSysMs();
  for (let i = 0; i < runs; i++) {
    cmd.before?.();
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd.argv[0], cmd.argv.slice(1), { cwd: cmd.cwd, env: { ...process.env, ...cmd.env }, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`${cmd.argv.join(' ')} exited ${r.status}:\n${r.stderr}`);
  }
  const sysMs = (childrenSysMs() - sysBefore) / runs;
  return { ms: median(times), peakMb: await peakMemoryMb(cmd), runs, sysMs };
}

/**
 * Like {@link measure} for several commands at once, their runs interleaved (a, b, a, b, ...), so a change in the
 * machine's load during the measurement (other processes) weighs on each alike: for comparing them side by side.
 */
export async function measureSideBySide(cmds: readonly Command[], runs: number): Promise<Measurement[]> {
  const times: number[][] = cmds.map(() => []);
  const sys: number[] = cmds.map(() => 0);
  for (let i = 0; i < runs; i++) {
    cmds.forEach((cmd, c) => {
      cmd.before?.();
      const sysBefore = childrenSysMs();
      const start = process.hrtime.bigint();
      const r = spawnSync(cmd.argv[0], cmd.argv.slice(1), { cwd: cmd.cwd, env: { ...process.env, ...cmd.env }, encoding: 'utf8' });
      times[c].push(Number(process.hrtime.bigint() - start) / 1e6);
      sys[c] += childrenSysMs() - sysBefore;
      if (r.status !== 0) throw new Error(`${cmd.argv.join(' ')} exited ${r.status}:\n${r.stderr}`);
    });
  }
  const out: Measurement[] = [];
  for (const [c, cmd] of cmds.entries()) out.push({ ms: median(times[c]), peakMb: await peakMemoryMb(cmd), runs, sysMs: sys[c] / runs });
  return out;
}

/** System CPU time of this process' waited-for children so far (field 17 of /proc/self/stat, in ticks of 10 ms). */
function childrenSysMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[14]) * 10;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function peakMemoryMb(cmd: Command): Promise<number> {
  cmd.before?.();
  const child = spawn(cmd.argv[0], cmd.argv.slice(1), { cwd: cmd.cwd, env: { ...process.env, ...cmd.env }, stdio: 'ignore' });
  let peak = 0;
  const sample = () => {
    if (child.pid !== undefined) peak = Math.max(peak, treeRssBytes(child.pid));
  };
  const timer = setInterval(sample, 5);
  sample();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${cmd.argv.join(' ')} exited ${code}`);
  return peak / 1024 / 1024;
}

const PAGE = 4096;

/** RSS of `root` and its descendants, read from /proc. */
function treeRssBytes(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name (field 2) may hold spaces, so split after ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of tree) {
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
    } catch {
      // ended
    }
  }
  return total;
}
