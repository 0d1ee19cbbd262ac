import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Folders whose sources the bundles in lib/ are built from. */
const SOURCES = ['src', 'imports'];

/**
 * When running from a bundle in lib/ (built by `npm run build`), the source file edited after that build,
 * if any: running a stale bundle would silently synthesize what the old code says. Costs ~1 ms (one stat
 * per source file). `undefined` when running from source (tsx, tests) or when the sources are not there.
 */
export function newerSourceThan(entry: string): string | undefined {
  if (!entry.endsWith('.js')) return undefined;
  const root = dirname(dirname(entry));
  let built: number;
  try {
    built = statSync(entry).mtimeMs;
  } catch {
    return undefined;
  }
  for (const folder of SOURCES) {
    const newer = findNewer(join(root, folder), built);
    if (newer) return relative(process.cwd(), newer) || newer;
  }
  return undefined;
}

function findNewer(dir: string, than: number): string | undefined {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      const found = findNewer(path, than);
      if (found) return found;
    } else if (e.name.endsWith('.ts') && statSync(path).mtimeMs > than) {
      return path;
    }
  }
  return undefined;
}
