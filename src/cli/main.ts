#!/usr/bin/env node
import { runEntry } from './entry';
import { runCli } from './run';

// Entry point of `node lib/runnel.js` (built by `npm run build`) and of `npm run synth` / `npm run check`.
runEntry((io) => runCli(process.argv.slice(2), io));
