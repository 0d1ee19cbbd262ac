import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  link,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readlinkSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFile,
  writeFileSync,
} from 'node:fs';
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
  for (const folder of foldersOf(files)) mkdirSync(join(dir, folder), { recursive: true });
  for (const file of files) writeFileSync(join(dir, file.path), file.content);
  writeFileSync(join(dir, OUTPUT_MARKER), MARKER_TEXT);
}

/** The folders that hold `files` ('' for the output folder itself), each once, parents before children. */
function foldersOf(files: readonly RenderedFile[]): string[] {
  return [...new Set(['', ...files.map((f) => dirname(f.path)).map((d) => (d === '.' ? '' : d))])].sort();
}

/**
 * Replaces `dir` with exactly `files` (plus the marker), all or nothing:
 * 1. refuses, before touching anything, a folder that holds the working directory or a protected file;
 * 2. takes a lock next to the folder (`.runnel-DIR.lock`, holding the pid), so two runs never interleave, and only
 *    then reads the folder: refuses a file in its place, a `.git` in it, a non-empty folder runnel did not write
 *    (unless `force`), and one whose old content could not be removed (the lock is released on refusal);
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
  const { target, link } = followLink(dir);
  refuseUnsafePath(dir, target, options.protect ?? []);
  const parent = dirname(target);
  // A link to a folder in no existing folder: no run can be replacing it, and nothing is created for it.
  if (link && !existsSync(parent)) throw danglingLink(dir);
  mkdirSync(parent, { recursive: true });
  const base = basename(target);
  const lock = await acquireLock(dir, parent, base, options.lockWaitMs ?? 10_000);
  try {
    const note = options.onNote ?? (() => undefined);
    recover(dir, parent, base).forEach(note);
    // The folder's own content is read only under the lock: another run may be replacing it until then (its
    // two renames leave no folder for a moment, and its old copy's subfolders vanish as it is removed).
    if (link && !existsSync(target)) throw danglingLink(dir);
    refuseUnsafeContent(dir, target);
    refuseForeign(dir, target, options.force === true);
    refuseUnremovable(dir, target);
    // An unchanged re-synth writes nothing: the folder already is the output (and so keeps its timestamps).
    const kept = comparePrevious(target, files);
    if (kept.exactly) return { dir: target, written: 0, changed: false };
    const swapped = await swapIn(parent, base, files, kept.same, options.onStep ?? (() => undefined));
    swapped.notes.forEach(note);
    return { dir: target, written: swapped.written, changed: true };
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * The real folder behind `dir`, and whether `dir` is a symlink (followed: its target is replaced, the link stays a
 * link). Read before the lock, while another run may be replacing the folder: for a moment it is absent (between
 * that run's two renames), so an absent folder, or a link's absent target, is named from its parent, never refused
 * here.
 */
function followLink(dir: string): { target: string; link: boolean } {
  const path = resolve(dir);
  let link = false;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    // absent
  }
  try {
    return { target: realpathSync(path), link };
  } catch {
    // Absent, or a link whose target is absent: resolved from the nearest real parent.
  }
  const named = link ? resolve(dirname(path), readlinkSync(path)) : path;
  const parent = dirname(named);
  return { target: existsSync(parent) ? join(realpathSync(parent), basename(named)) : named, link };
}

function danglingLink(dir: string): OutputRefused {
  return new OutputRefused(
    `the output folder ${JSON.stringify(dir)} is a symlink to a folder that does not exist`,
    'create the folder it points at, or remove the link',
  );
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

/** The fix of an unsafe output folder. */
const OWN_FOLDER_FIX = 'pass --out with a folder of its own, e.g. --out dist';

/** What the output folder's path alone makes unsafe: the filesystem root, the working directory, a protected file. */
function refuseUnsafePath(dir: string, target: string, protect: readonly string[]): void {
  const shown = JSON.stringify(dir);
  if (target === parse(target).root) throw new OutputRefused(`the output folder ${shown} is the filesystem root`, OWN_FOLDER_FIX);
  if (isInside(realOrSelf(process.cwd()), target))
    throw new OutputRefused(`the output folder ${shown} contains the working directory`, OWN_FOLDER_FIX);
  for (const file of protect) {
    if (isInside(realOrSelf(file), target))
      throw new OutputRefused(`the output folder ${shown} contains the topology file ${JSON.stringify(file)}`, OWN_FOLDER_FIX);
  }
}

/** What the output folder's content makes unsafe (read under the lock): a file in its place, a .git inside. */
function refuseUnsafeContent(dir: string, target: string): void {
  if (!existsSync(target)) return;
  const shown = JSON.stringify(dir);
  if (!statSync(target).isDirectory()) throw new OutputRefused(`the output folder ${shown} is a file, not a folder`, OWN_FOLDER_FIX);
  const git = findGit(target);
  if (git)
    throw new OutputRefused(
      `the output folder ${shown} contains a .git repository${git === target ? '' : ` (in ${JSON.stringify(git)})`}`,
      OWN_FOLDER_FIX,
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

/** What the previous output holds of the new one. */
interface Previous {
  /** Paths (the marker included) whose file in the previous output is a regular file with the same bytes. */
  readonly same: ReadonlySet<string>;
  /** The previous output holds exactly the new files and the marker, byte for byte, and no other file. */
  readonly exactly: boolean;
}

/**
 * Compares the previous output in `folder` with `files` in one pass: one `readdir` per folder, and a file is read
 * only when its size is the new content's (most changed files differ in size). Only folders that hold new files are
 * read file by file; any other entry only makes the output inexact. Absent `folder`: nothing to compare.
 */
function comparePrevious(folder: string, files: readonly RenderedFile[]): Previous {
  const same = new Set<string>();
  if (!existsSync(folder)) return { same, exactly: false };
  const expected = new Map<string, string>(files.map((f) => [f.path, f.content]));
  expected.set(OUTPUT_MARKER, MARKER_TEXT);
  const folders = new Set(foldersOf(files).map((d) => (d === '' ? '' : `${d}/`)));
  let exactly = true;
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = `${rel}${e.name}`;
      if (e.isDirectory()) {
        // A folder holding no new file can only be extra; an empty one never made the output inexact.
        if (folders.has(`${path}/`)) walk(join(dir, e.name), `${path}/`);
        else if (exactly) exactly = isEmptyTree(join(dir, e.name));
        continue;
      }
      const content = expected.get(path);
      if (e.isFile() && content !== undefined && holdsBytes(join(dir, e.name), content)) same.add(path);
      else exactly = false;
    }
  };
  walk(folder, '');
  return { same, exactly: exactly && same.size === expected.size };
}

/** Whether `dir` holds folders only (no file, link or other entry) at any depth. */
function isEmptyTree(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).every((e) => e.isDirectory() && isEmptyTree(join(dir, e.name)));
}

/** Whether the file at `path` holds exactly `content`: read only when its size is the content's. */
function holdsBytes(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const size = fstatSync(fd).size;
    if (size !== Buffer.byteLength(content)) return false;
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) return false;
      read += n;
    }
    return bytes.toString() === content;
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * How many file operations run at once on libuv's thread pool (4 threads). Creating a file is mostly kernel work
 * (allocating an inode, adding a directory entry); with several in flight it runs on every core while the main
 * thread only issues the next, and a create waiting on one folder's lock leaves the others' creates running.
 */
const IN_FLIGHT = 16;

/**
 * `files` reordered round-robin across their folders (their order within a folder kept), so the operations in
 * flight at once are spread over folders: creates in one folder take that folder's lock one at a time.
 */
function acrossFolders(files: readonly RenderedFile[]): RenderedFile[] {
  const byFolder = new Map<string, RenderedFile[]>();
  for (const f of files) {
    const d = dirname(f.path);
    const list = byFolder.get(d);
    if (list) list.push(f);
    else byFolder.set(d, [f]);
  }
  const lists = [...byFolder.values()];
  const out: RenderedFile[] = [];
  for (let i = 0; out.length < files.length; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

/**
 * Puts a file into the staging folder: a link to the previous output's file when that holds the same bytes (a
 * small change to a large topology then creates few new files, and writes little), else written. The link is the
 * previous file itself, not a copy: the previous folder is removed right after the swap. Resolves to whether the
 * file was written.
 */
function stage(staging: string, target: string, file: RenderedFile, unchanged: boolean): Promise<boolean> {
  const path = join(staging, file.path);
  const write = (done: (written: boolean) => void, fail: (e: Error) => void) =>
    writeFile(path, file.content, (e) => (e ? fail(e) : done(true)));
  return new Promise((done, fail) => {
    if (!unchanged) return write(done, fail);
    // A filesystem without hard links (or a permission refusal): write it.
    link(join(target, file.path), path, (e) => (e ? write(done, fail) : done(false)));
  });
}

/**
 * Stages every file, `IN_FLIGHT` at a time, calling `afterEach` as each is in place. The first failure (or a throw
 * of `afterEach`) stops new operations; its error is thrown once every operation already started has ended, so the
 * caller may then remove the staging folder knowing nothing more will be written into it.
 */
async function stageAll(
  staging: string,
  target: string,
  files: readonly RenderedFile[],
  same: ReadonlySet<string>,
  afterEach: () => void,
): Promise<number> {
  for (const folder of foldersOf(files)) mkdirSync(join(staging, folder), { recursive: true });
  const queue = acrossFolders(files);
  let next = 0;
  let written = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < queue.length) {
      const file = queue[next++];
      try {
        if (await stage(staging, target, file, same.has(file.path))) written++;
        afterEach();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, queue.length) }, lane));
  if (failure) throw failure.error;
  return written;
}

async function swapIn(
  parent: string,
  base: string,
  files: readonly RenderedFile[],
  same: ReadonlySet<string>,
  onStep: (step: ReplaceStep) => void,
): Promise<{ notes: string[]; written: number }> {
  const target = join(parent, base);
  const staging = mkdtempSync(join(parent, `.runnel-${base}-`));
  const old = `${staging}.old`;
  let written: number;
  let signal: NodeJS.Signals | undefined;
  const onSignal = (s: NodeJS.Signals) => {
    signal = s;
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    written = await stageAll(staging, target, files, same, () => {
      onStep('file-written');
      if (signal) throw new OutputInterrupted(signal);
    });
    const marker = { path: OUTPUT_MARKER, content: MARKER_TEXT, objects: [] };
    await stage(staging, target, marker, same.has(OUTPUT_MARKER));
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
