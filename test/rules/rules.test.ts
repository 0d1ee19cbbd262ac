import { runFilesAsOne } from '../helpers/aggregate';

/**
 * Every rule's cases (`test/rules/<rule-id>.rule.ts`, `describeRule` tables), run as one test file
 * (test/helpers/aggregate.ts): for ~70 small rule files, jest's per-file module loading was ~17 s of the suite's CPU.
 * One rule: `npx jest test/rules/rules.test.ts -t <rule-id>`.
 */
runFilesAsOne(__dirname, /\.rule\.ts$/);
