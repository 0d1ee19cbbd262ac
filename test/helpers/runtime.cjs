/* eslint-disable @typescript-eslint/no-require-imports -- jest loads this module with Node's require, untransformed */
/**
 * jest's module runtime (jest-runtime 29; package.json's `jest.runtime`), keeping each module's transformed code
 * from one test file to the next within a run.
 *
 * jest gives every test file a fresh module registry, and so transforms every module again for each file that
 * requires it: it reads the source, hashes it for its cache key and reads esbuild's output back from the disk cache
 * (jest's own in-sandbox modules: it reads them again). A worker runs ~60 files that each load ~300 modules.
 * Here what jest-runtime's own transformFile returned and recorded is kept by path and transform options, for as
 * long as the run's resolver lives: jest makes workers, and their resolvers, for each run and ends them after it,
 * and in band it makes a new context, with a new resolver, when `--watch` sees a change. So a run never sees a
 * transform from before a change, and no file is stat'ed per require. Modules still run afresh in every file's
 * registry: the isolation between test files is jest's, unchanged.
 */
const JestRuntime = require('jest-runtime').default;

/** Per resolver (one per run): `path\0options` -> the code, and what transformFile recorded for stack traces. */
const runs = new WeakMap();

class TransformKeepingRuntime extends JestRuntime {
  transformFile(filename, options) {
    let transformed = runs.get(this._resolver);
    if (!transformed) runs.set(this._resolver, (transformed = new Map()));
    const key = `${filename}\0${JSON.stringify(options ?? null)}`;
    const kept = transformed.get(key);
    if (kept) {
      if (kept.fileTransform) this._fileTransforms.set(filename, kept.fileTransform);
      if (kept.sourceMapPath) this._sourceMapRegistry.set(filename, kept.sourceMapPath);
      return kept.code;
    }
    const code = super.transformFile(filename, options);
    transformed.set(key, {
      code,
      fileTransform: options?.isInternalModule ? undefined : this._fileTransforms.get(filename),
      sourceMapPath: options?.isInternalModule ? undefined : this._sourceMapRegistry.get(filename),
    });
    return code;
  }
}

module.exports = TransformKeepingRuntime;
