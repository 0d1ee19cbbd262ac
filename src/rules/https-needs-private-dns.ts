import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * A certificate names hosts, not internal addresses: callers verifying it need a name that resolves to the
 * load balancer, which the private zone provides.
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-internal-serverless#https
 */
export const httpsNeedsPrivateDns = defineRule({
  id: 'https-needs-private-dns',
  severity: 'error',
  summary: 'A load balancer that serves HTTPS has a DNS name: the topology has a private zone (`dns`).',
  check(model: TopologyModel): Problem[] {
    if (model.dns?.domain) return [];
    return model.services
      .filter((s) => s.loadBalancer?.https)
      .map((s) => ({
        path: `${s.path}.loadBalancer.https`,
        message: `${quoted(s.name)} serves HTTPS, but without private DNS callers can only use its address, which no certificate names`,
        fix: `set \`dns.domain\` (e.g. internal.example.com) and use a certificate for ${s.name}.<domain>`,
      }));
  },
});
