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
const { createHash } = require('node:crypto');
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

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

  /**
   * A module of 1 MB or more (TypeScript's compiler, the Argo CD ApplicationSet validator, 8 MB of Ajv code) is
   * compiled with a V8 code cache, kept in node_modules/.cache/jest-code-cache by the module's path and the exact
   * code jest compiles: compiling them took ~0.7 s of every run (0.2 s for each file that loads the ApplicationSet
   * validator). The cache is written as the process exits, so it holds the functions the tests ran, and V8 rejects a
   * cache that does not fit (another Node.js, other flags): the module is then compiled as jest compiles it, and a new
   * cache written. Smaller modules are jest's own business: reading a cache cost them more than it saved.
   * @see https://nodejs.org/api/vm.html#new-vmscriptcode-options (cachedData, createCachedData)
   */
  createScriptFromCode(scriptSource, filename) {
    if (scriptSource.length < BIG_MODULE || this._resolver.isCoreModule(filename))
      return super.createScriptFromCode(scriptSource, filename);
    const code = this.wrapCodeInModuleWrapper(scriptSource);
    const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
    const prefix = `${hash(filename)}-`;
    const cacheFile = join(CODE_CACHE_DIR, `${prefix}${hash(code)}.bin`);
    let cachedData;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // Not cached yet: written at exit.
    }
    // As jest-runtime 29 makes it (createScriptFromCode), with the cache.
    const script = new Script(code, {
      columnOffset: this._fileTransforms.get(filename)?.wrapperLength,
      displayErrors: true,
      filename,
      cachedData,
      importModuleDynamically: async (specifier) => {
        const context = this._environment.getVmContext?.();
        if (!context) throw new Error('Test environment has been torn down');
        return this.linkAndEvaluateModule(await this.resolveModule(specifier, filename, context));
      },
    });
    if (cachedData === undefined || script.cachedDataRejected) toCache.set(cacheFile, { prefix, script });
    return script;
  }
}

const BIG_MODULE = 1024 * 1024;
const CODE_CACHE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'jest-code-cache');
/** Code caches to write at exit: file -> the module's script, and the prefix its older caches share. */
const toCache = new Map();

process.once('exit', () => {
  if (toCache.size === 0) return;
  try {
    mkdirSync(CODE_CACHE_DIR, { recursive: true });
    const present = readdirSync(CODE_CACHE_DIR);
    for (const [file, { prefix, script }] of toCache) {
      // Written aside and renamed (another worker may read it); the module's caches of earlier code go.
      const aside = `${file}.${process.pid}`;
      writeFileSync(aside, script.createCachedData());
      renameSync(aside, file);
      for (const f of present)
        if (f.startsWith(prefix) && join(CODE_CACHE_DIR, f) !== file) rmSync(join(CODE_CACHE_DIR, f), { force: true });
    }
  } catch {
    // A cache is only ever an optimisation: a run that cannot write one compiles the module next time too.
  }
});

module.exports = TransformKeepingRuntime;
