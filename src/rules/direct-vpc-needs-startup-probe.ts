import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { ServiceModel, TopologyModel } from '../model/model';

/**
 * With Direct VPC egress, connections can take a minute or more to be ready when an instance starts; a request
 * that arrives first fails to reach the VPC. Google recommends an HTTP startup probe whose endpoint tests a
 * connection to an egress destination, retried long enough to cover the delay. A warning, since the probe's
 * endpoint is the application's to provide.
 * @see https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#limitations
 * @see https://cloud.google.com/run/docs/configuring/healthchecks
 */
export const directVpcNeedsStartupProbe = defineRule({
  id: 'direct-vpc-needs-startup-probe',
  severity: 'warning',
  summary: 'A service on Direct VPC egress has a startup probe that waits until its VPC connections work.',
  check(model: TopologyModel): Problem[] {
    return model.services
      .filter((s) => s.via === 'direct-vpc' && !s.settings.probes?.startup && !manifestHasStartupProbe(s))
      .map((s) => ({
        path: `${s.path}.probes.startup`,
        message: `${quoted(s.name)} uses Direct VPC egress, whose connections can take a minute or more to be ready at instance start, and has no startup probe, so its first requests can fail`,
        fix: `add ${s.path}.probes.startup: {http: {path: /ready}, periodSeconds: 10, failureThreshold: 12}, where /ready answers once a connection to a VPC destination the service needs succeeds`,
      }));
  },
});

/** Whether the service's own manifest gives its ingress container (the one with a port) a startup probe. */
function manifestHasStartupProbe(s: ServiceModel): boolean {
  const spec = s.manifest?.object?.spec as { template?: { containers?: unknown; spec?: { containers?: unknown } } } | undefined;
  const containers = spec?.template?.spec?.containers ?? spec?.template?.containers;
  if (!Array.isArray(containers)) return false;
  const ingress = containers.find((c) => Array.isArray(c?.ports) && c.ports.length > 0) ?? containers[0];
  return ingress?.startupProbe !== undefined;
}
