import { runEntry } from './entry';
import { synthIntoFolder } from './run';

// The cdk8s app (`npx cdk8s synth`, running lib/cdk8s-app.js): the cdk8s CLI empties its output folder before
// running this, so a topology with errors leaves dist/ empty here; `node lib/runnel.js synth` validates first
// and keeps dist/ intact.
runEntry((io) => synthIntoFolder(process.env.CDK8S_OUTDIR ?? 'dist', io));
