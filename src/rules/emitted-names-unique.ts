import { emittedNames, nameCollisions } from '../model/emitted-names';
import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Two objects of one kind with one name cannot both exist in a namespace (Kubernetes keeps one object per kind,
 * namespace and name; Config Connector creates one GCP resource per object), so the second would silently replace
 * the first on apply. Every (kind, name) pair the output would hold, given or derived, is computed from the model
 * with the functions the constructs use, so `check` refuses exactly what synth would emit twice.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
export const emittedNamesUnique = defineRule({
  id: 'emitted-names-unique',
  severity: 'error',
  summary: 'No two objects in the output share a kind and a name, whether the names are given or derived.',
  check(model: TopologyModel): Problem[] {
    return nameCollisions(emittedNames(model)).map(({ first, second }) => ({
      path: second.path,
      message: `${second.kind} ${JSON.stringify(second.name)} (${second.what}) has the name of the ${first.what}, from ${first.path}`,
      fix: `rename one of the two: ${second.path} or ${first.path}`,
    }));
  },
});
