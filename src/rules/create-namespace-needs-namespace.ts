import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/** Creating the namespace needs its name: the top-level `namespace`. */
export const createNamespaceNeedsNamespace = defineRule({
  id: 'create-namespace-needs-namespace',
  severity: 'error',
  summary: '`delivery.createNamespace` needs the top-level `namespace` it creates.',
  check(model: TopologyModel): Problem[] {
    if (!model.delivery.createNamespace || model.namespace) return [];
    return [
      {
        path: 'delivery.createNamespace',
        message: 'asks for the namespace to be created, but the topology names none',
        fix: 'set the top-level `namespace` (e.g. config-connector), or remove delivery.createNamespace',
      },
    ];
  },
});
