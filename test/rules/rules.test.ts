import { readdirSync } from 'node:fs';
// First, at the top level: the temporary folders' clean-up (an afterAll) then runs after every file's tests,
// not after those of the first file to make one, which left every later folder behind.
import '../helpers/temp';
import { join } from 'node:path';

/**
 * Every rule's cases (`test/rules/<rule-id>.rule.ts`, `describeRule` tables), run as one test file: jest gives each
 * test file its own module registry and loads runnel's few hundred modules again for it, which for ~70 small rule
 * files was ~17 s of the suite's CPU. Each file is required inside a describe named after it, so any hook it declares
 * stays its own. One rule: `npx jest test/rules/rules.test.ts -t <rule-id>`.
 */
const RULE_FILE = /\.rule\.ts$/;

for (const file of readdirSync(__dirname)
  .filter((f) => RULE_FILE.test(f))
  .sort()) {
  describe(file.replace(RULE_FILE, ''), () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the cases register their tests as they load
    require(join(__dirname, file));
  });
}
