import { Problem } from '../validation/finding';
import { defineRule } from '../validation/rule';
import { TopologyModel } from '../topology/model';
import { serviceNamed } from '../topology/resolve';

/**
 * `*.run.app` resolves to public Google addresses, which `private-ranges-only` sends straight out, not into
 * the VPC. A callee with internal ingress then sees an external request and answers 404; a callee with
 * ingress `all` answers, but over the internet. A private `run.app` zone (`dns.runApp`) changes that: the
 * names then resolve to private.googleapis.com's VIPs or to the Private Service Connect endpoint, which
 * private-ranges-only routing sends into the VPC.
 * @see https://cloud.google.com/vpc/docs/configure-private-google-access#config-domain
 * @see https://cloud.google.com/run/docs/securing/private-networking
 * @see https://cloud.google.com/run/docs/securing/ingress#settings
 */
export const runAppCallNeedsAllTraffic = defineRule({
  id: 'run-app-call-needs-all-traffic',
  severity: 'error',
  summary: 'A call over a `*.run.app` URL (access: private-google-access) routes all traffic into the VPC.',
  check(model: TopologyModel): Problem[] {
    if (model.dns?.runAppZoneName) return [];
    const problems: Problem[] = [];
    for (const caller of model.services.filter((s) => s.via !== 'none' && s.route === 'private-ranges-only')) {
      caller.calls.forEach((name) => {
        const callee = serviceNamed(model, name);
        if (!callee || callee === caller || callee.access !== 'private-google-access') return;
        const publicCallee = callee.ingress === 'all';
        problems.push({
          path: `${caller.path}.egress.route`,
          severity: publicCallee ? 'warning' : 'error',
          message: publicCallee
            ? `"${caller.name}" calls "${name}" at its *.run.app URL with route private-ranges-only, so the call goes over the internet`
            : `"${caller.name}" calls "${name}" at its *.run.app URL with route private-ranges-only; the request leaves the VPC, arrives as external and gets 404`,
          fix: `set ${caller.path}.egress.route to all-traffic, set \`dns.runApp: true\` so *.run.app resolves privately, or put "${name}" behind the internal load balancer (remove its access: private-google-access)`,
        });
      });
    }
    return problems;
  },
});
