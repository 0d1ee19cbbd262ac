import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  // Node reads the CA bundle NODE_EXTRA_CA_CERTS names at every start (~80 ms of CPU on this machine, where it names
  // the system bundle), and the tests start Node ~50 times (the built CLI, Mermaid, jest's workers). Nothing a test
  // starts reaches the network, so no process needs it: jest makes its workers after this hook, from this
  // environment, and they pass it on to what they start.
  delete process.env.NODE_EXTRA_CA_CERTS;
  // The folder every test's temporary folders go into (test/helpers/temp.ts), removed whole by the global teardown:
  // a file removes its own after its tests, but jest runs no hook of a file whose tests a -t filter skips all of.
  process.env.RUNNEL_TEST_TMP = mkdtempSync(join(tmpdir(), 'runnel-tests-'));
  // Others may pass through it (not list it), as through the temp folder: one test runs the CLI as an unprivileged user.
  chmodSync(process.env.RUNNEL_TEST_TMP, 0o711);
  const stale = staleBuildReason(root);
  if (stale) {
    process.stderr.write(`\nrunnel tests: building lib/ (${stale})\n`);
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts')], { cwd: root, stdio: 'inherit' });
  }
  buildCrdValidatorCache();
}
