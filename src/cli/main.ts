#!/usr/bin/env node
import { runCli } from './run';

// Entry point of `npm run synth` / `npm run check`. Any exception that escapes is a runnel bug: report it in
// one line, never as a stack trace (set RUNNEL_DEBUG=1 for the trace).
try {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  });
} catch (e) {
  process.stderr.write(`runnel: internal error: ${(e as Error).message}\n`);
  if (process.env.RUNNEL_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 3;
}
