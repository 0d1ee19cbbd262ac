import { urlEnvVar } from '../names';
import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Cloud Run sets PORT, K_SERVICE, K_REVISION and K_CONFIGURATION itself; runnel injects `<CALLEE>_URL`
 * and each used backend's `<NAME>_HOST`/`<NAME>_PORT`. A variable set twice would be rejected or would hide
 * the real value.
 * @see https://cloud.google.com/run/docs/container-contract#env-vars
 */
export const RESERVED_ENV = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'] as const;

export const envDoesNotShadow = defineRule({
  id: 'env-does-not-shadow',
  severity: 'error',
  summary:
    "Each variable has one source: user variables and secrets do not reuse Cloud Run's reserved names or the names runnel injects (`<CALLEE>_URL`, `<BACKEND>_HOST`/`_PORT`), nor each other.",
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      // What runnel injects, first: the user's own variables are the ones to rename.
      const taken = new Map<string, string>();
      for (const c of s.calls) taken.set(urlEnvVar(c), `the variable runnel injects with ${quoted(c)}'s URL`);
      s.uses.forEach((name, i) => {
        const b = model.backendsByName.get(name);
        if (!b) return;
        for (const variable of [b.env.host, b.env.port]) {
          const other = taken.get(variable);
          if (other) {
            problems.push({
              path: `${s.path}.uses[${i}]`,
              message: `backend ${quoted(name)} would set ${variable}, already ${other}`,
              fix: `set ${b.path}.env to other variable names`,
            });
          } else taken.set(variable, `the variable of backend ${quoted(name)}`);
        }
      });
      const own: Array<[string, string]> = [
        ...Object.keys(s.env).map((n): [string, string] => [n, `${s.path}.env.${n}`]),
        ...Object.keys(s.secretEnv).map((n): [string, string] => [n, `${s.path}.secrets.${n}`]),
      ];
      for (const [name, path] of own) {
        const other = taken.get(name);
        if ((RESERVED_ENV as readonly string[]).includes(name)) {
          problems.push({
            path,
            message: `${name} is set by Cloud Run itself`,
            fix: name === 'PORT' ? `remove it and set ${s.path}.port instead` : 'remove it or rename it',
          });
        } else if (other) {
          problems.push({ path, message: `${name} is ${other}`, fix: 'rename it or remove it' });
        } else taken.set(name, `also set at ${path}`);
      }
    }
    return problems;
  },
});
