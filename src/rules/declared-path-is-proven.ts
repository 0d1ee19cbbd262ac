import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { declaredPaths } from '../model/paths';

/**
 * Every declared call and use is proven hop by hop (src/model/paths.ts): reachable, private and authorized.
 * Most breaks already have a rule of their own (`caller-needs-vpc-egress`, `run-app-call-needs-all-traffic`, ...),
 * named on the hop as `reportedBy`; this rule reports only the breaks no other rule reports, so one cause is one
 * finding. Today that is a call without VPC egress to a callee with ingress `all` at its `*.run.app` URL: it
 * works, but as a request from the internet.
 * @see https://cloud.google.com/run/docs/securing/ingress#settings
 */
export const declaredPathIsProven = defineRule({
  id: 'declared-path-is-proven',
  severity: 'error',
  summary: 'Every declared call and use is reachable, private and authorized, hop by hop.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const proof of declaredPaths(model)) {
      for (const hop of proof.hops) {
        const b = hop.broken;
        if (!b || b.reportedBy) continue;
        problems.push({
          path: b.path,
          message: `${proof.kind} ${proof.from} -> ${proof.to} is not ${b.verdict} at its ${hop.kind} hop: ${b.message}`,
          fix: b.fix,
          ...(b.warning ? { severity: 'warning' as const } : {}),
        });
      }
    }
    return problems;
  },
});
