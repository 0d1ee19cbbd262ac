import { synthIntoFolder } from './cli/run';

// The cdk8s app (`npx cdk8s synth`): the cdk8s CLI empties its output folder before running this, so a
// topology with errors leaves dist/ empty here; `npm run synth` validates first and keeps dist/ intact.
try {
  process.exitCode = synthIntoFolder(process.env.CDK8S_OUTDIR ?? 'dist', {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  });
} catch (e) {
  process.stderr.write(`runnel: internal error: ${(e as Error).message}\n`);
  process.exitCode = 3;
}
