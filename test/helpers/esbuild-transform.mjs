/**
 * jest's transform for TypeScript: esbuild strips the types and writes CommonJS, one file at a time. `npm test`
 * type-checks the whole project first (tsc --noEmit, tests included), so jest need not: ts-jest, in the
 * isolatedModules mode tsconfig.json selects, did the same transpiling through the TypeScript compiler, which each
 * jest worker loaded (~9 MB) before its first file. esbuild is the one the build already uses (scripts/build.ts).
 */
import { transformSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const { version } = createRequire(import.meta.url)('esbuild/package.json');
const SELF = readFileSync(fileURLToPath(import.meta.url), 'utf8');

const OPTIONS = {
  loader: 'ts',
  format: 'cjs',
  target: 'node20',
  // Stack traces and failures point at the TypeScript lines.
  sourcemap: 'inline',
  sourcesContent: false,
  // As tsconfig.json: a default import of a CommonJS module is its module.exports.
  tsconfigRaw: { compilerOptions: { esModuleInterop: true } },
};

export default {
  process(source, path) {
    return { code: transformSync(source, { ...OPTIONS, sourcefile: path }).code };
  },
  getCacheKey(source, path) {
    return createHash('sha256').update(`${version}\0${SELF}\0${path}\0${source}`).digest('hex');
  },
};
