import { inUnitsA, runFilesAsOne } from './helpers/aggregate';

/**
 * Test files (`test/<folder>/<name>.unit.ts`) run as one jest file, as test/rules/rules.test.ts runs the rule cases
 * (test/helpers/aggregate.ts): jest loads its framework and runnel's modules again for every test file (~0.13-0.3 s
 * of CPU each), which was much of each file's time; merging 13 files of 1-2 s each saved ~3 s of CPU a run. This
 * file runs those of test/cli, test/delivery and test/input; test/units-b.test.ts all others (helpers/aggregate.ts,
 * inUnitsA). A file that takes several seconds stays a `.test.ts`, so jest can spread it over the cores.
 * One file: `npx jest test/units -t <folder>/<name>` (e.g. `-t cli/messages`).
 */
runFilesAsOne(__dirname, /\.unit\.ts$/, inUnitsA);
