import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Is lib/ older than what it is built from? Asked in two places, answered here once: by the bundle itself
 * before it runs (entry.ts), and by jest's global set-up before the tests that run the bundle
 * (test/helpers/global-setup.ts), which rebuilds lib/ when the answer is yes.
 */

/** Folders whose .ts and .json files the bundles are compiled from; not in the package. */
export const BUILD_SOURCES: readonly string[] = ['src', 'imports'];

/** Everything else that decides lib/'s bytes: the build, the editor-schema generator, the locked dependencies. */
export const BUILD_TOOLING: readonly string[] = ['scripts/build.ts', 'scripts/editor-schema.ts', 'package.json', 'package-lock.json'];

/** The files `npm run build` writes into lib/. */
export const BUILT_FILES: readonly string[] = [
  'runnel.js',
  'cli.js',
  'cdk8s-app.js',
  'cdk8s-app-bundle.js',
  'index.js',
  'topology.schema.json',
];

/**
 * When running from a bundle in lib/ (built by `npm run build`), the source file edited after that build,
 * if any: running a stale bundle would silently synthesize what the old code says. Costs ~1 ms (one stat
 * per source file). `undefined` when running from source (tsx, tests) or when the sources are not there
 * (an installed package ships no src/).
 */
export function newerSourceThan(entry: string): string | undefined {
  if (!entry.endsWith('.js')) return undefined;
  let built: number;
  try {
    built = statSync(entry).mtimeMs;
  } catch {
    return undefined;
  }
  const newer = firstNewer(dirname(dirname(entry)), BUILD_SOURCES, built);
  return newer && (relative(process.cwd(), newer) || newer);
}

/**
 * Why lib/ under `root` must be rebuilt before tests run it: a built file missing, or the first source or
 * build input changed after the oldest built file. `undefined` when lib/ is current.
 */
export function staleBuildReason(root: string): string | undefined {
  let oldest = Infinity;
  for (const file of BUILT_FILES) {
    const st = statSync(join(root, 'lib', file), { throwIfNoEntry: false });
    if (!st) return `lib/${file} is missing`;
    oldest = Math.min(oldest, st.mtimeMs);
  }
  const newer = firstNewer(root, [...BUILD_SOURCES, ...BUILD_TOOLING], oldest);
  return newer && `${relative(root, newer)} changed after lib/ was built`;
}

/** What the bundler reads from a source folder (an editor's swap file or a .DS_Store is not a change). */
const COMPILED = /\.(ts|json)$/;

/** The first file under `root`/`paths` (files, or folders searched for .ts and .json) modified after `than`. */
function firstNewer(root: string, paths: readonly string[], than: number): string | undefined {
  for (const path of paths) {
    const found = findNewer(join(root, path), than);
    if (found) return found;
  }
  return undefined;
}

function findNewer(path: string, than: number): string | undefined {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') return undefined;
    return (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) > than ? path : undefined;
  }
  for (const e of entries) {
    const child = join(path, e.name);
    const found = e.isDirectory() ? findNewer(child, than) : COMPILED.test(e.name) && statSync(child).mtimeMs > than ? child : undefined;
    if (found) return found;
  }
  return undefined;
}
