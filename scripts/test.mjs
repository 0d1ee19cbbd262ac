#!/usr/bin/env node
/**
 * `npm test`: the type check (tsc --noEmit over src/, test/, imports/ and bench/) and jest, side by side.
 *
 * jest does not type-check (its transform, test/helpers/esbuild-transform.mjs, only strips the types), so tsc is
 * what catches a type error in a test or in src/. Run one after the other, tsc's 4 s (warm, nothing changed) to
 * 12 s (after an edit) came before jest's first test; beside jest it fills the moments jest's workers wait. The
 * command fails if either fails; tsc's report comes after jest's, so it is the last thing on the screen. Arguments
 * go to jest (`npm test -- test/cli`), as they did when the script was `tsc ... && jest`.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Runs `node BIN ARGS`; resolves to the exit code (a signal counts as a failure) and, if piped, what it printed. */
function run(bin, args, pipe) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: pipe ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output = [];
    if (pipe) {
      child.stdout.on('data', (d) => output.push(d));
      child.stderr.on('data', (d) => output.push(d));
    }
    child.on('error', (e) => resolve({ code: 1, output: `${e.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: signal ? 1 : (code ?? 1), output: Buffer.concat(output).toString('utf8') }));
  });
}

const tsc = run(
  require.resolve('typescript/bin/tsc'),
  ['--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/runnel-tsc/tsbuildinfo', '-p', '.'],
  true,
);
const jest = run(require.resolve('jest/bin/jest'), process.argv.slice(2), false);

const [types, tests] = await Promise.all([tsc, jest]);
if (types.code !== 0) process.stderr.write(`\ntsc --noEmit (the type check) failed:\n${types.output}`);
process.exitCode = tests.code !== 0 ? tests.code : types.code;
