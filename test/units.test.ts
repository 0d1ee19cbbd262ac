import { runFilesAsOne } from './helpers/aggregate';

/**
 * The small test files (`test/**\/<name>.unit.ts`), run as one jest file, as test/rules/rules.test.ts runs the rule
 * cases (test/helpers/aggregate.ts). For the 35 files here, each of which ran in 0.05-1.2 s, jest's ~0.13 s per file
 * (and the TypeScript compiler, ~0.4 s, for each of the two files that read src/ with it) was a large part of their
 * time. A file whose own work takes longer stays a `.test.ts`, so jest can spread it over the cores.
 * One file: `npx jest test/units.test.ts -t <folder>/<name>` (e.g. `-t constructs/grants`).
 */
runFilesAsOne(__dirname, /\.unit\.ts$/);
