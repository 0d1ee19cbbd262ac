/* eslint-disable @typescript-eslint/no-require-imports -- jest loads this module with Node's require, untransformed */
/**
 * jest's module runtime (jest-runtime 29; package.json's `jest.runtime`), keeping each module's transformed code in
 * the worker from one test file to the next.
 *
 * jest gives every test file a fresh module registry, and so transforms every module again for each file that
 * requires it: it reads the source, hashes it for its cache key and reads esbuild's output back from the disk cache
 * (jest's own in-sandbox modules: it reads them again). A worker runs ~60 files that each load ~300 modules.
 * Here the result of jest-runtime's own transformFile is kept per worker, by path, transform options and the file's
 * size and modification time (a file changed under `jest --watch` is transformed again). Modules still run afresh
 * in every file's registry: the isolation between test files is jest's, unchanged.
 */
const { statSync } = require('node:fs');
const JestRuntime = require('jest-runtime').default;

/** `path\0options` -> the file's size and mtime, the code, and what transformFile recorded for stack traces. */
const transformed = new Map();

class TransformKeepingRuntime extends JestRuntime {
  transformFile(filename, options) {
    const key = `${filename}\0${JSON.stringify(options ?? null)}`;
    const { size, mtimeMs } = statSync(filename);
    const kept = transformed.get(key);
    if (kept && kept.size === size && kept.mtimeMs === mtimeMs) {
      if (kept.fileTransform) this._fileTransforms.set(filename, kept.fileTransform);
      if (kept.sourceMapPath) this._sourceMapRegistry.set(filename, kept.sourceMapPath);
      return kept.code;
    }
    const code = super.transformFile(filename, options);
    transformed.set(key, {
      size,
      mtimeMs,
      code,
      fileTransform: options?.isInternalModule ? undefined : this._fileTransforms.get(filename),
      sourceMapPath: options?.isInternalModule ? undefined : this._sourceMapRegistry.get(filename),
    });
    return code;
  }
}

module.exports = TransformKeepingRuntime;
