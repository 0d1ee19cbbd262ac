import { urlEnvVar } from '../names';
import { Problem } from '../validation/finding';
import { defineRule } from '../validation/rule';
import { TopologyModel } from '../topology/model';

/**
 * Cloud Run sets PORT, K_SERVICE, K_REVISION and K_CONFIGURATION itself; runnel injects `<CALLEE>_URL`.
 * A user variable of the same name would be rejected or would hide the real value.
 * @see https://cloud.google.com/run/docs/container-contract#env-vars
 */
export const RESERVED_ENV = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'] as const;

export const envDoesNotShadow = defineRule({
  id: 'env-does-not-shadow',
  severity: 'error',
  summary: "User env vars do not reuse Cloud Run's reserved names or the `<CALLEE>_URL` names runnel injects.",
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      const injected = new Map(s.calls.map((c) => [urlEnvVar(c), c]));
      for (const name of Object.keys(s.env)) {
        const path = `${s.path}.env.${name}`;
        if ((RESERVED_ENV as readonly string[]).includes(name)) {
          problems.push({ path, message: `${name} is set by Cloud Run itself`, fix: name === 'PORT' ? `remove it and set ${s.path}.port instead` : 'remove it or rename it' });
        } else if (injected.has(name)) {
          problems.push({ path, message: `${name} is the variable runnel injects with "${injected.get(name)}"'s URL`, fix: 'rename it or remove it' });
        }
      }
    }
    return problems;
  },
});
