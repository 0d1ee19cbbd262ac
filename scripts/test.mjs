#!/usr/bin/env node
/**
 * `npm test`: the type check (tsc --noEmit over src/, test/, imports/ and bench/) and jest, side by side.
 *
 * jest does not type-check (its transform, test/helpers/esbuild-transform.mjs, only strips the types), so tsc is
 * what catches a type error in a test or in src/. Run one after the other, tsc's 4 s (warm, nothing changed) to
 * 12 s (after an edit) came before jest's first test; beside jest it shares the two cores. The command fails if
 * either fails; tsc's report comes after jest's, so it is the last thing on the screen. Arguments go to jest
 * (`npm test -- test/cli`), as they did when the script was `tsc ... && jest`.
 *
 * tsc runs in build mode (`tsc -b tsconfig.check.json`: tsconfig.json, incremental). `tsc -p --incremental` parsed
 * and bound all ~600 files on every run to learn that nothing changed (~5.7 s of CPU); build mode compares the
 * files' modification times with its build info and stops there (~1 s), and re-checks incrementally when one is
 * newer. It reports a deleted file's importers, and the errors of the last check again on every run until they are
 * fixed. Two changes it cannot see, after which the check runs in full (`--force`): a file added with an older
 * modification time than the build info (copied with its time kept, unpacked from an archive), which its ctime
 * (that nothing sets back) shows; and new dependencies (their .d.ts files are no input build mode compares), which
 * npm's record of what it installed (node_modules/.package-lock.json, written by every install) shows.
 * @see https://www.typescriptlang.org/docs/handbook/project-references.html#build-mode-for-typescript
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Runs `node BIN ARGS`; resolves to the exit code (a signal counts as a failure) and, if piped, what it printed. */
function run(bin, args, pipe, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      stdio: pipe ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    const output = [];
    if (pipe) {
      child.stdout.on('data', (d) => output.push(d));
      child.stderr.on('data', (d) => output.push(d));
    }
    child.on('error', (e) => resolve({ code: 1, output: `${e.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: signal ? 1 : (code ?? 1), output: Buffer.concat(output).toString('utf8') }));
  });
}

/**
 * Where the tests make their temporary folders: TMPDIR if set, else /dev/shm (memory) where there is one. The tests
 * create and remove thousands of files (outputs, git repositories, locks), which none needs on a disk, and a disk can
 * be slow to create files, as this machine's is right after many were removed (~1 s of the CLI and diff tests).
 * jest's own cache stays on disk (`cacheDirectory` in package.json).
 */
function testTempDir() {
  if (process.env.TMPDIR) return process.env.TMPDIR;
  try {
    accessSync('/dev/shm', constants.W_OK);
    return statSync('/dev/shm').isDirectory() ? '/dev/shm' : undefined;
  } catch {
    return undefined;
  }
}

const CHECKED = ['src', 'test', 'imports', 'bench'];
const BUILD_INFO = join(root, 'node_modules', '.cache', 'runnel-tsc', 'check.tsbuildinfo');

/** Whether something changed since the last check that build mode would not see (see above). */
function unseenChange() {
  let since;
  try {
    since = statSync(BUILD_INFO).mtimeMs;
  } catch {
    return false; // no check yet: tsc checks everything
  }
  const installed = statSync(join(root, 'node_modules', '.package-lock.json'), { throwIfNoEntry: false });
  if (installed && installed.mtimeMs > since) return true;
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).some((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      if (!e.name.endsWith('.ts')) return false;
      const { mtimeMs, ctimeMs } = statSync(path);
      return ctimeMs > since && mtimeMs <= since;
    });
  return CHECKED.some((d) => walk(join(root, d)));
}

const report = (types) => process.stderr.write(`\nthe type check (tsc -b tsconfig.check.json) failed:\n${types.output}`);
const args = process.argv.slice(2);
const watching = args.some((a) => a.startsWith('--watch'));
const tsc = run(require.resolve('typescript/bin/tsc'), ['-b', 'tsconfig.check.json', ...(unseenChange() ? ['--force'] : [])], true);
// jest --watch never ends: a failed type check is reported when it is known, not after jest.
if (watching) void tsc.then((types) => types.code !== 0 && report(types));
const jest = run(require.resolve('jest/bin/jest'), args, false, { TMPDIR: testTempDir() });

const [types, tests] = await Promise.all([tsc, jest]);
if (types.code !== 0 && !watching) report(types);
process.exitCode = tests.code !== 0 ? tests.code : types.code;
