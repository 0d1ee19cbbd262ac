import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel, ServiceModel } from '../model/model';
import { serviceNamed } from '../model/resolve';

/**
 * Where a private-ranges-only caller's request to `*.run.app` goes depends on what the name resolves to and on
 * what the caller's egress path routes:
 * - without a private `run.app` zone, the names resolve to public Google addresses, which private-ranges-only
 *   sends straight out: an `internal` callee sees an external request and answers 404 (a callee with ingress
 *   `all` answers, over the internet);
 * - with the zone pointing at a Private Service Connect endpoint, the names resolve to the endpoint's address,
 *   which `psc-address-usable` keeps inside RFC 1918/6598: private-ranges-only sends it into the VPC on both paths;
 * - with the zone pointing at private.googleapis.com (199.36.153.8/30), Google documents private-ranges-only
 *   reaching those VIPs for Direct VPC egress (with Private Google Access on the subnet), while a connector routes
 *   only RFC 1918 and RFC 6598 destinations, which 199.36.153.8/30 is not: from a connector the request leaves the
 *   VPC as if there were no zone.
 * @see https://cloud.google.com/run/docs/configuring/networking-best-practices (Direct VPC, private-ranges-only and Private Google Access)
 * @see https://cloud.google.com/vpc/docs/serverless-vpc-access (a connector sends RFC 1918 and RFC 6598 destinations)
 * @see https://cloud.google.com/vpc/docs/configure-private-google-access#domain-options (private.googleapis.com is 199.36.153.8/30)
 * @see https://cloud.google.com/run/docs/securing/ingress#settings
 */
export const runAppCallNeedsAllTraffic = defineRule({
  id: 'run-app-call-needs-all-traffic',
  severity: 'error',
  summary:
    'A private-ranges-only call over a `*.run.app` URL resolves to an address its egress path sends into the VPC, or routes all traffic.',
  check(model: TopologyModel): Problem[] {
    const zone = !model.dns?.runAppZoneName ? 'none' : model.psc ? 'psc' : 'vips';
    if (zone === 'psc') return [];
    const problems: Problem[] = [];
    for (const caller of model.services.filter((s) => s.via !== 'none' && s.route === 'private-ranges-only')) {
      if (zone === 'vips' && caller.via === 'direct-vpc') continue;
      caller.calls.forEach((name) => {
        const callee = serviceNamed(model, name);
        if (!callee || callee === caller || callee.access !== 'private-google-access') return;
        problems.push(problem(caller, callee, zone === 'vips'));
      });
    }
    return problems;
  },
});

function problem(caller: ServiceModel, callee: ServiceModel, throughVips: boolean): Problem {
  const publicCallee = callee.ingress === 'all';
  const why = throughVips
    ? `through a connector with route private-ranges-only; the private run.app zone resolves to private.googleapis.com (199.36.153.8/30), outside the RFC 1918/6598 ranges a connector routes, so the request leaves the VPC`
    : `with route private-ranges-only; *.run.app resolves to public addresses, so the request leaves the VPC`;
  const outcome = publicCallee ? 'and the call goes over the internet' : 'arrives as external and gets 404';
  const fixes = throughVips
    ? `set ${caller.path}.egress.route to all-traffic, set ${caller.path}.egress.via to direct-vpc, or add googleApis.privateServiceConnect so *.run.app resolves to an internal address`
    : `set ${caller.path}.egress.route to all-traffic, set \`dns.runApp: true\` so *.run.app resolves privately, or put ${quoted(callee.name)} behind the internal load balancer (remove its access: private-google-access)`;
  return {
    path: `${caller.path}.egress.route`,
    severity: publicCallee ? 'warning' : 'error',
    message: `${quoted(caller.name)} calls ${quoted(callee.name)} at its *.run.app URL ${why}, ${outcome}`,
    fix: fixes,
  };
}
