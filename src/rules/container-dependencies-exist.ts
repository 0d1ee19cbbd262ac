import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { containersOf } from '../model/containers';

/**
 * The containers of a service have distinct names, and each `dependsOn` names another container of the same
 * service, with no cycle: Cloud Run starts a container only after those it depends on have started, and refuses
 * a revision whose dependencies name no container or loop.
 * @see https://cloud.google.com/run/docs/deploying#sidecars
 * @see https://cloud.google.com/run/docs/reference/rest/v2/Container (dependsOn)
 */
export const containerDependenciesExist = defineRule({
  id: 'container-dependencies-exist',
  severity: 'error',
  summary: "Containers of a service have distinct names, and each dependsOn names another of the service's containers, without cycles.",
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      const containers = containersOf(s);
      const seen = new Set<string>();
      for (const c of containers) {
        if (c.name === undefined) continue;
        if (seen.has(c.name)) {
          problems.push({
            path: `${c.path}.${c.ingress ? 'containerName' : 'name'}`,
            message: `container name ${quoted(c.name)} is used twice in ${quoted(s.name)}`,
            fix: `rename one of the containers named ${quoted(c.name)}`,
          });
        }
        seen.add(c.name);
      }
      const edges = new Map<string, readonly string[]>();
      for (const c of containers) {
        c.dependsOn.forEach((dep, i) => {
          const path = `${c.path}.dependsOn[${i}]`;
          if (dep === c.name) {
            problems.push({ path, message: `container ${quoted(dep)} depends on itself`, fix: `remove ${path}` });
          } else if (!seen.has(dep)) {
            problems.push({
              path,
              message: `dependsOn names ${quoted(dep)}, which is no container of ${quoted(s.name)} (${[...seen].map((n) => JSON.stringify(n)).join(', ') || 'its containers are unnamed'})`,
              fix: `name one of the service's sidecars, or remove ${path}`,
            });
          }
        });
        if (c.name !== undefined) edges.set(c.name, c.dependsOn);
      }
      const cycle = findCycle(edges);
      if (cycle) {
        const at = containers.find((c) => c.name === cycle[0])!;
        problems.push({
          path: `${at.path}.dependsOn`,
          message: `containers of ${quoted(s.name)} wait for each other in a cycle: ${cycle.join(' -> ')}`,
          fix: 'remove one dependsOn entry of the cycle',
        });
      }
    }
    return problems;
  },
});

function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const next of edges.get(n) ?? []) {
      if (next === n || !edges.has(next)) continue;
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of [...edges.keys()].sort()) {
    const found = visit(n);
    if (found) return found;
  }
  return undefined;
}
