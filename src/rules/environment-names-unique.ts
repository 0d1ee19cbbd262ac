import { Problem } from '../finding';
import { defineEnvironmentRule, EnvironmentModel } from '../check/environment-rule';
import { emittedNames } from '../model/emitted-names';

/** The APIs an output enables are one object per project and API: two environments enabling `run` is the same wish. */
const API_NAME = /\.googleapis\.com$/;

/**
 * Two environments in one GCP project must not emit an object of the same kind and name: GCP names are unique per
 * project (and region), so both environments' Config Connector objects would manage, and fight over, one resource.
 * Names only Kubernetes sees (grants, record sets) collide only when the two environments share a namespace.
 * @see https://cloud.google.com/config-connector/docs/how-to/managing-deleting-resources#acquiring_an_existing_resource
 */
export const environmentNamesUnique = defineEnvironmentRule({
  id: 'environment-names-unique',
  severity: 'error',
  summary: 'Two environments in the same project emit no object of the same kind and name.',
  check(environments: readonly EnvironmentModel[]): Problem[] {
    const problems: Problem[] = [];
    environments.forEach((a, i) => {
      for (const b of environments.slice(i + 1)) {
        if (a.model.project !== b.model.project) continue;
        const sameNamespace = a.model.namespace === b.model.namespace;
        const ours = new Map(emittedNames(a.model).map((e) => [`${e.kind}/${e.name}`, e]));
        const seen = new Set<string>();
        for (const e of emittedNames(b.model)) {
          const key = `${e.kind}/${e.name}`;
          const x = ours.get(key);
          if (!x || seen.has(key) || API_NAME.test(e.name) || (e.kubernetesOnly && !sameNamespace)) continue;
          seen.add(key);
          problems.push({
            path: `environments.${b.name}.${e.path}`,
            message: `${e.kind} ${JSON.stringify(e.name)} (${e.what}) of environment ${b.name} has the name of the ${x.what} of environment ${a.name}, in the same project ${JSON.stringify(b.model.project)}`,
            fix: `give ${b.name} a project of its own, or rename ${e.path} in environments.${b.name}`,
          });
        }
      }
    });
    return problems;
  },
});
