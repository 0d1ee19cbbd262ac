import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { serviceNamed } from '../model/resolve';

/**
 * Routed into the VPC, a request to `*.run.app` reaches Google only through Private Google Access on the
 * subnet the caller egresses from (the Direct VPC subnet or the connector's subnet).
 * @see https://cloud.google.com/run/docs/securing/ingress#settings
 * @see https://cloud.google.com/vpc/docs/private-google-access
 */
export const runAppCallNeedsPrivateGoogleAccess = defineRule({
  id: 'run-app-call-needs-private-google-access',
  severity: 'error',
  summary: 'A caller that reaches `*.run.app` through the VPC egresses from a subnet with Private Google Access.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const caller of model.services) {
      // All traffic enters the VPC; so does private-ranges-only from Direct VPC when the private run.app zone
      // points at private.googleapis.com's VIPs (run-app-call-needs-all-traffic), which need Private Google Access
      // on the subnet (https://cloud.google.com/run/docs/configuring/networking-best-practices).
      const throughVips =
        caller.via === 'direct-vpc' && caller.route === 'private-ranges-only' && !!model.dns?.runAppZoneName && !model.psc;
      if (!caller.egressSubnet || (caller.route !== 'all-traffic' && !throughVips)) continue;
      const subnet = model.subnets[caller.egressSubnet];
      if (subnet.privateGoogleAccess) continue;
      const runAppCallees = caller.calls.filter((n) => serviceNamed(model, n)?.access === 'private-google-access' && n !== caller.name);
      if (runAppCallees.length === 0) continue;
      problems.push({
        path: subnet.pgaPath,
        message: `${quoted(caller.name)} calls ${runAppCallees.map((n) => `${quoted(n)}`).join(', ')} at *.run.app through subnet ${quoted(subnet.name)}, which has Private Google Access off`,
        fix: `set ${subnet.pgaPath} to true`,
      });
    }
    return problems;
  },
});
