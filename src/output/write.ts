import {
  accessSync,
  constants,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, parse, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { shellQuote } from '../shell-quote';
import { GENERATED_NOTICE } from '../header';
import { RenderedFile } from './render';

/**
 * The file that marks a folder as runnel's output. runnel replaces a non-empty folder only when it holds this
 * file (or, for output written before the marker existed, when every file in it carries runnel's notice).
 */
export const OUTPUT_MARKER = '.runnel-output';
const MARKER_TEXT = `${GENERATED_NOTICE}\nrunnel synth replaces this folder whole: keep nothing else in it.\n`;

/** Why runnel will not write an output folder: one line, with the change that lets it. */
export class OutputRefused extends Error {
  constructor(
    message: string,
    public readonly fix: string,
  ) {
    super(message);
    this.name = 'OutputRefused';
  }
}

/** A signal stopped the write; the output folder is as it was. */
export class OutputInterrupted extends Error {
  constructor(public readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = 'OutputInterrupted';
  }
}

/** The points between the steps of a replacement, where tests inject faults. */
export type ReplaceStep = 'file-written' | 'staged' | 'old-moved' | 'removing-old';

export interface ReplaceOptions {
  /** Replace a non-empty folder that holds no {@link OUTPUT_MARKER}. @default false */
  readonly force?: boolean;
  /** Files the output folder must not contain, such as the topology file. The working directory is always kept. @default [] */
  readonly protect?: readonly string[];
  /** How long to wait for another runnel writing the same folder before refusing. @default 10000 */
  readonly lockWaitMs?: number;
  /** Called at each step; tests inject faults here. @default - nothing */
  readonly onStep?: (step: ReplaceStep) => void;
  /**
   * Told, one line each and as they happen (so also when the write then fails), what this run repaired from an
   * earlier one and what went wrong after the swap. @default - nothing
   */
  readonly onNote?: (note: string) => void;
}

export interface ReplaceResult {
  /** The folder replaced: `dir` itself, or the folder a `dir` symlink points at (the link is kept). */
  readonly dir: string;
  /** Files written anew; the others were the same bytes and are the previous output's (linked, not written). */
  readonly written: number;
  /** false when `dir` already held exactly these files: nothing was touched. */
  readonly changed: boolean;
}

/** Writes files and the marker into `dir`, which must be empty or absent (as after `cdk8s synth` wiped it). */
export function writeFiles(dir: string, files: readonly RenderedFile[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, OUTPUT_MARKER), MARKER_TEXT);
}

/**
 * Replaces `dir` with exactly `files` (plus the marker), all or nothing:
 * 1. refuses, before touching anything, a folder that holds the working directory, a protected file or a `.git`,
 *    a non-empty folder runnel did not write (unless `force`), and one whose old content could not be removed;
 * 2. takes a lock next to the folder (`.runnel-DIR.lock`, holding the pid), so two runs never interleave;
 *    a lock whose process is gone is taken over, a live one is waited for up to `lockWaitMs`;
 * 3. repairs what a killed run left: a missing `dir` is restored from its `.old` copy, stale staging is removed;
 * 4. writes every file to a staging folder next to `dir`, the marker last; SIGINT/SIGTERM/SIGHUP during this
 *    remove the staging folder and leave `dir` untouched;
 * 5. swaps with two renames (`dir` → `.old`, staging → `dir`) in one synchronous step, then removes `.old`.
 *    Only a hard kill (SIGKILL, power loss) can land between the renames; step 3 of the next run undoes it.
 * A failure after the swap (removing `.old`) does not undo it: it is told to `onNote`.
 */
export async function replaceDirectory(dir: string, files: readonly RenderedFile[], options: ReplaceOptions = {}): Promise<ReplaceResult> {
  if (dir.trim() === '')
    throw new OutputRefused('the output folder is "" (an unset variable?)', 'pass --out DIR with a folder name, e.g. --out dist');
  const target = followLink(dir);
  refuseUnsafe(dir, target, options.protect ?? []);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const base = basename(target);
  const lock = await acquireLock(dir, parent, base, options.lockWaitMs ?? 10_000);
  try {
    const note = options.onNote ?? (() => undefined);
    recover(dir, parent, base).forEach(note);
    refuseForeign(dir, target, options.force === true);
    refuseUnremovable(dir, target);
    // An unchanged re-synth writes nothing: the folder already is the output (and so keeps its timestamps).
    if (holdsExactly(target, files)) return { dir: target, written: 0, changed: false };
    const swapped = await swapIn(parent, base, files, options.onStep ?? (() => undefined));
    swapped.notes.forEach(note);
    return { dir: target, written: swapped.written, changed: true };
  } finally {
    rmSync(lock, { force: true });
  }
}

/** The real folder behind `dir`: a symlink is followed (its target is replaced, the link stays a link). */
function followLink(dir: string): string {
  const target = resolve(dir);
  if (existsSync(target)) return realpathSync(target);
  let dangling = false;
  try {
    dangling = lstatSync(target).isSymbolicLink();
  } catch {
    // absent
  }
  if (dangling)
    throw new OutputRefused(
      `the output folder ${JSON.stringify(dir)} is a symlink to a folder that does not exist`,
      'create the folder it points at, or remove the link',
    );
  // Absent: its parent may still be reached through links; compare real paths from there.
  const parent = dirname(target);
  return existsSync(parent) ? join(realpathSync(parent), basename(target)) : target;
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function refuseUnsafe(dir: string, target: string, protect: readonly string[]): void {
  const shown = JSON.stringify(dir);
  const fix = 'pass --out with a folder of its own, e.g. --out dist';
  if (target === parse(target).root) throw new OutputRefused(`the output folder ${shown} is the filesystem root`, fix);
  if (isInside(realOrSelf(process.cwd()), target))
    throw new OutputRefused(`the output folder ${shown} contains the working directory`, fix);
  for (const file of protect) {
    if (isInside(realOrSelf(file), target))
      throw new OutputRefused(`the output folder ${shown} contains the topology file ${JSON.stringify(file)}`, fix);
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new OutputRefused(`the output folder ${shown} is a file, not a folder`, fix);
  const git = findGit(target);
  if (git)
    throw new OutputRefused(
      `the output folder ${shown} contains a .git repository${git === target ? '' : ` (in ${JSON.stringify(git)})`}`,
      fix,
    );
}

/** The first folder at or under `folder` holding a `.git`, looking at no more than 100,000 entries. */
function findGit(folder: string): string | undefined {
  const queue = [folder];
  let seen = 0;
  while (queue.length > 0 && seen < 100_000) {
    const d = queue.shift()!;
    const entries = readdirSync(d, { withFileTypes: true });
    seen += entries.length;
    if (entries.some((e) => e.name === '.git')) return d;
    for (const e of entries) if (e.isDirectory()) queue.push(join(d, e.name));
  }
  return undefined;
}

function refuseForeign(dir: string, target: string, force: boolean): void {
  if (force || !existsSync(target)) return;
  const entries = readdirSync(target);
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER) || allCarryNotice(target)) return;
  throw new OutputRefused(
    `the output folder ${JSON.stringify(dir)} is not empty and was not written by runnel (it has no ${OUTPUT_MARKER})`,
    `pass another --out, empty the folder, or pass --force to replace it whole`,
  );
}

/** Output of runnel versions before the marker: every file starts with runnel's notice. */
function allCarryNotice(folder: string): boolean {
  let files = 0;
  const walk = (d: string): boolean =>
    readdirSync(d, { withFileTypes: true }).every((e) => {
      const path = join(d, e.name);
      if (e.isDirectory()) return walk(path);
      if (!e.isFile() || ++files > 100_000) return false;
      return readFileSync(path, 'utf8').slice(0, 200).includes(GENERATED_NOTICE);
    });
  return walk(folder);
}

/** The old output must be removable once swapped out: find out now, before anything changes. */
function refuseUnremovable(dir: string, target: string): void {
  if (!existsSync(target)) return;
  const walk = (d: string): void => {
    try {
      accessSync(d, constants.W_OK);
    } catch {
      throw new OutputRefused(
        `runnel cannot remove the old files of ${JSON.stringify(dir)}: ${JSON.stringify(d)} is read-only`,
        `make it writable (chmod -R u+w ${shellQuote(target)}) and run synth again`,
      );
    }
    for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(join(d, e.name));
  };
  walk(target);
}

function lockPath(parent: string, base: string): string {
  return join(parent, `.runnel-${base}.lock`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `.runnel-DIR.lock` next to the folder. The lock file appears with its pid already in it (written aside,
 * then hard-linked into place, which fails if it exists), so a reader never sees a half-written lock.
 */
async function acquireLock(dir: string, parent: string, base: string, waitMs: number): Promise<string> {
  const path = lockPath(parent, base);
  const mine = `${path}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`);
  const deadline = Date.now() + waitMs;
  try {
    for (;;) {
      try {
        linkSync(mine, path);
        return path;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      let holder = NaN;
      try {
        holder = Number(readFileSync(path, 'utf8').trim());
      } catch {
        continue; // released meanwhile
      }
      if (!isAlive(holder)) {
        rmSync(path, { force: true }); // left by a run that died
        continue;
      }
      if (Date.now() >= deadline) {
        throw new OutputRefused(
          `another runnel (pid ${holder}) is writing ${JSON.stringify(dir)}`,
          `wait for it to finish and run synth again; if no runnel is running, remove ${shellQuote(path)}`,
        );
      }
      await sleep(100);
    }
  } finally {
    rmSync(mine, { force: true });
  }
}

/** Staging folders and `.old` copies of `base`: `.runnel-dist-AbC123`, `.runnel-dist-AbC123.old`. */
function leftovers(parent: string, base: string): { staging: string[]; old: string[] } {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.runnel-${escaped}-[A-Za-z0-9]{6}(\\.old)?$`);
  // A lock being written aside (`.runnel-dist.lock.PID`) by a run that died before linking it.
  const lockAside = new RegExp(`^\\.runnel-${escaped}\\.lock\\.(\\d+)$`);
  const names = readdirSync(parent);
  const matching = names.filter((n) => pattern.test(n));
  return {
    staging: [
      ...matching.filter((n) => !n.endsWith('.old')),
      ...names.filter((n) => {
        const pid = lockAside.exec(n)?.[1];
        return pid !== undefined && !isAlive(Number(pid));
      }),
    ].map((n) => join(parent, n)),
    old: matching.filter((n) => n.endsWith('.old')).map((n) => join(parent, n)),
  };
}

/**
 * Under the lock no other run is live, so every leftover is stale: a run killed between the two renames left
 * no `base` and its old output in `.old` (restored here); killed runs left staging folders (removed).
 */
function recover(dir: string, parent: string, base: string): string[] {
  const notes: string[] = [];
  const { staging, old } = leftovers(parent, base);
  const target = join(parent, base);
  if (!existsSync(target) && old.length > 0) {
    const newest = old.map((p) => ({ p, t: statSync(p).mtimeMs })).sort((a, b) => b.t - a.t)[0].p;
    renameSync(newest, target);
    notes.push(`restored ${JSON.stringify(dir)} from ${JSON.stringify(newest)}, left by a synth stopped while replacing it`);
  }
  const stale = [...staging, ...old].filter((p) => existsSync(p));
  for (const p of stale) rmSync(p, { recursive: true, force: true });
  if (stale.length > 0)
    notes.push(`removed ${stale.length} leftover(s) of stopped synths (staging folders, old copies, locks) next to ${JSON.stringify(dir)}`);
  return notes;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The bytes of `file` in `folder`, or undefined when it is not a regular file there. */
function previous(folder: string, file: string): Buffer | undefined {
  try {
    return readFileSync(join(folder, file));
  } catch {
    return undefined;
  }
}

/** Whether `folder` holds exactly `files` and the marker, byte for byte, and nothing else. */
function holdsExactly(folder: string, files: readonly RenderedFile[]): boolean {
  if (!existsSync(folder)) return false;
  const expected = new Map<string, string>(files.map((f) => [f.path, f.content]));
  expected.set(OUTPUT_MARKER, MARKER_TEXT);
  let count = 0;
  const walk = (dir: string, rel: string): boolean => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = `${rel}${e.name}`;
      if (e.isDirectory()) {
        if (!walk(join(dir, e.name), `${path}/`)) return false;
        continue;
      }
      const content = expected.get(path);
      if (!e.isFile() || content === undefined || previous(dir, e.name)?.toString() !== content) return false;
      count++;
    }
    return true;
  };
  return walk(folder, '') && count === expected.size;
}

/**
 * Writes a file into the staging folder, or, when the previous output holds the same bytes, links that file
 * there instead: a small change to a large topology then creates few new files (inodes) and writes little.
 * Linking is the previous file itself, not a copy: the previous folder is removed right after the swap.
 */
async function stage(staging: string, target: string, file: RenderedFile): Promise<boolean> {
  const path = join(staging, file.path);
  await mkdir(dirname(path), { recursive: true });
  const before = previous(target, file.path);
  if (before !== undefined && before.length === Buffer.byteLength(file.content) && before.toString() === file.content) {
    try {
      linkSync(join(target, file.path), path);
      return false;
    } catch {
      // A filesystem without hard links (or a permission refusal): write it.
    }
  }
  await writeFile(path, file.content);
  return true;
}

async function swapIn(
  parent: string,
  base: string,
  files: readonly RenderedFile[],
  onStep: (step: ReplaceStep) => void,
): Promise<{ notes: string[]; written: number }> {
  const target = join(parent, base);
  const staging = mkdtempSync(join(parent, `.runnel-${base}-`));
  const old = `${staging}.old`;
  let written = 0;
  let signal: NodeJS.Signals | undefined;
  const onSignal = (s: NodeJS.Signals) => {
    signal = s;
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    for (const file of files) {
      if (await stage(staging, target, file)) written++;
      onStep('file-written');
      if (signal) throw new OutputInterrupted(signal);
    }
    await stage(staging, target, { path: OUTPUT_MARKER, content: MARKER_TEXT, objects: [] });
    onStep('staged');
    if (signal) throw new OutputInterrupted(signal);
    // From here to the end of the swap everything is synchronous: a signal cannot run a handler in between.
    if (existsSync(target)) renameSync(target, old);
    onStep('old-moved');
    renameSync(staging, target);
  } catch (e) {
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  } finally {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
  }
  try {
    onStep('removing-old');
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    return {
      notes: [
        `the new output is in place, but the previous one could not be removed from ${JSON.stringify(old)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (the next synth removes it)`,
      ],
      written,
    };
  }
  return { notes: [], written };
}
