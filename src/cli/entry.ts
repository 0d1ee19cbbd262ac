import type { CliIo } from './io';
import { newerSourceThan } from './stale-build';
import { oneLine } from '../check/report';

/**
 * Runs an entry point (the CLI or the cdk8s app) as a process: refuses a stale build, and turns any
 * exception that escapes, which is a runnel bug, into one line instead of a stack trace (RUNNEL_DEBUG=1
 * prints the trace).
 */
export function runEntry(main: (io: CliIo) => number | Promise<number>): void {
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  };
  const stale = newerSourceThan(__filename);
  if (stale) {
    io.err(`runnel: ${stale} changed after runnel was built (fix: run \`npm run build\`)`);
    process.exitCode = 2;
    return;
  }
  const internalError = (e: unknown) => {
    io.err(`runnel: internal error: ${oneLine((e as Error).message)}`);
    if (process.env.RUNNEL_DEBUG) io.err(`${(e as Error).stack}`);
    process.exitCode = 3;
  };
  try {
    const code = main(io);
    if (typeof code === 'number') process.exitCode = code;
    else code.then((c) => (process.exitCode = c), internalError);
  } catch (e) {
    internalError(e);
  }
}
