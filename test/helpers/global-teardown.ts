import { rmSync } from 'node:fs';

/**
 * Runs once after every test: removes the run's temporary folder (made by test/helpers/global-setup.ts) with whatever
 * is left in it. Each test file removes its own folders after its tests, but jest runs no hook of a file whose tests a
 * `-t` filter skips all of, and with the aggregates (test/units-a.test.ts) `-t` is how one runs a single file.
 */
export default function globalTeardown(): void {
  const dir = process.env.RUNNEL_TEST_TMP;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
