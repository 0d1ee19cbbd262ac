import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * The shared load balancer tells its callees apart by the Host header: each has a host rule for its DNS name
 * (`<service>.<domain>`) in the one URL map, and every name points at the one address. Without `dns.domain` there
 * are no names, so one address could not reach more than one service.
 * @see https://cloud.google.com/load-balancing/docs/url-map-concepts
 */
export const sharedLbNeedsDnsDomain = defineRule({
  id: 'shared-lb-needs-dns-domain',
  severity: 'error',
  summary: 'The shared load balancer (`loadBalancing.mode: shared`) routes by host name: the topology has `dns.domain`.',
  check(model: TopologyModel): Problem[] {
    const shared = model.loadBalancing.shared;
    if (!shared || model.dns?.domain !== undefined) return [];
    return [
      {
        path: 'loadBalancing.mode',
        message: `the shared load balancer routes each of its ${shared.services.length} service(s) by host name, but without dns.domain they have none`,
        fix: 'set `dns.domain` (e.g. internal.acme.example): each service is then reached as <service>.<domain>, or use mode: per-service',
      },
    ];
  },
});
