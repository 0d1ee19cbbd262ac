import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { serviceNamed } from '../model/resolve';

/**
 * A private call leaves the caller through the VPC. An internal load balancer's address is reachable only
 * from the VPC; and a request from Cloud Run to a service with internal ingress counts as internal only when
 * it is routed into the VPC through Direct VPC egress or a connector.
 * @see https://cloud.google.com/run/docs/securing/ingress#settings
 */
export const callerNeedsVpcEgress = defineRule({
  id: 'caller-needs-vpc-egress',
  severity: 'error',
  summary: 'A service that calls another privately egresses into the VPC.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const caller of model.services.filter((s) => s.via === 'none')) {
      caller.calls.forEach((name, i) => {
        const callee = serviceNamed(model, name);
        if (!callee || callee === caller) return;
        const viaLb = callee.access === 'load-balancer';
        if (!viaLb && callee.ingress === 'all') return; // a public *.run.app URL: no VPC needed
        problems.push({
          path: `${caller.path}.calls[${i}]`,
          message: viaLb
            ? `${quoted(caller.name)} calls ${quoted(name)} through its internal load balancer but has no VPC egress, so the load balancer's address is unreachable`
            : `${quoted(caller.name)} calls ${quoted(name)} (ingress ${callee.ingress}) without VPC egress; the request arrives as external and gets 404`,
          fix: `set ${caller.path}.egress.via to direct-vpc or connector`,
        });
      });
    }
    return problems;
  },
});
