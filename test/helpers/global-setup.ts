import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { staleBuildReason } from '../../src/cli/stale-build';
import { buildCrdValidatorCache } from './crd';

const root = join(__dirname, '..', '..');

/**
 * Runs once before any test: builds lib/ unless it is current (the same question the bundle asks itself before
 * it runs, src/cli/stale-build.ts), so the tests that run the bundle never exercise a stale one and a second run
 * does not rebuild for nothing; and compiles the strict CRD validators once for every test file (see
 * buildCrdValidatorCache).
 */
export default function globalSetup(): void {
  const stale = staleBuildReason(root);
  if (stale) {
    process.stderr.write(`\nrunnel tests: building lib/ (${stale})\n`);
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts')], { cwd: root, stdio: 'inherit' });
  }
  buildCrdValidatorCache();
}
