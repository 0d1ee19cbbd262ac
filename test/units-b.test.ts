import { inUnitsA, runFilesAsOne } from './helpers/aggregate';

/**
 * The `*.unit.ts` files test/units-a.test.ts does not run (see there): those of every other folder and of test/.
 * One file: `npx jest test/units -t <folder>/<name>` (e.g. `-t constructs/grants`).
 */
runFilesAsOne(__dirname, /\.unit\.ts$/, (path) => !inUnitsA(path));
