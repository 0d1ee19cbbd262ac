import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { sharedAccountCalls } from '../model/paths';

/**
 * A service the topology does not declare as a caller should be refused by IAM even where the network lets it
 * through (defence in depth). runnel grants `roles/run.invoker` to each caller's account; a service that runs as
 * the same account as a declared caller holds the grant too, without calling it in the topology. Members written
 * in `invokers` and `public: true` are deliberate and not reported here.
 * @see https://cloud.google.com/run/docs/authenticating/service-to-service
 * @see https://cloud.google.com/run/docs/securing/service-identity (one identity per service)
 */
export const undeclaredCallIsRefused = defineRule({
  id: 'undeclared-call-is-refused',
  severity: 'warning',
  summary: 'A service that does not declare a call cannot invoke the callee through a shared account.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    // Only a shared account can authorize an undeclared call (runnel grants callers' accounts alone).
    for (const proof of sharedAccountCalls(model)) {
      if (!proof.reachable || !proof.authorized) continue;
      const callee = model.servicesByName.get(proof.to)!;
      const caller = model.servicesByName.get(proof.from)!;
      if (callee.public || callee.invokers.includes(`serviceAccount:${caller.serviceAccount}`)) continue;
      const iam = proof.hops.find((h) => h.kind === 'iam')!;
      problems.push({
        path: `${caller.path}.serviceAccount`,
        message: `${quoted(caller.name)} does not call ${quoted(callee.name)}, yet can reach and invoke it: ${iam.detail}`,
        fix: `give ${caller.path} its own service account (remove ${caller.path}.serviceAccount so runnel creates one), or add ${quoted(callee.name)} to ${caller.path}.calls if it calls it`,
      });
    }
    return problems;
  },
});
