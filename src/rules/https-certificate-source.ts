import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { lbProtocolProblem } from '../model/lb-checks';

/** Where a load balancer's HTTPS certificate can come from. */
const SOURCES = ['certificateSecret', 'sslCertificate', 'certificateManagerCertificate'] as const;

/**
 * HTTPS takes one certificate: from a Kubernetes TLS Secret (runnel creates the regional certificate), an
 * existing regional SSL certificate, or an existing regional Certificate Manager certificate (a target proxy takes
 * SSL certificates or Certificate Manager certificates, never both: ComputeTargetHTTPSProxy CRD). Only a created
 * certificate has a version. A load balancer serves at least one protocol.
 * @see https://cloud.google.com/load-balancing/docs/ssl-certificates/self-managed-certs
 * @see https://cloud.google.com/certificate-manager/docs/deploy
 */
export const httpsCertificateSource = defineRule({
  id: 'https-certificate-source',
  severity: 'error',
  summary: 'HTTPS names exactly one certificate source (a version only for a created one), and a load balancer serves HTTP, HTTPS or both.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    // Each service's load balancer, or in shared mode the one of all (its settings at `loadBalancing`).
    const shared = model.loadBalancing.shared;
    const lbs = shared
      ? [{ name: shared.name, lb: shared, path: 'loadBalancing' }]
      : model.services.filter((x) => x.loadBalancer).map((s) => ({ name: s.name, lb: s.loadBalancer!, path: `${s.path}.loadBalancer` }));
    for (const { name, lb, path } of lbs) {
      const https = lb.https;
      const sources = https ? SOURCES.filter((k) => https[k] !== undefined) : [];
      if (https && sources.length !== 1) {
        problems.push({
          path: `${path}.https`,
          message: sources.length === 0 ? 'names no certificate' : `names ${sources.join(' and ')}`,
          fix: 'set exactly one: certificateSecret (a Kubernetes TLS Secret), sslCertificate (an existing regional certificate) or certificateManagerCertificate (an existing regional Certificate Manager certificate)',
        });
      }
      if (https && https.certificateVersion !== undefined && https.certificateSecret === undefined) {
        problems.push({
          path: `${path}.https.certificateVersion`,
          message: 'versions a certificate runnel does not create',
          fix: `remove ${path}.https.certificateVersion: only a certificate created from certificateSecret carries a version in its name`,
        });
      }
      const serves = lbProtocolProblem(lb.http, https !== undefined);
      if (serves) {
        problems.push({
          path: `${path}.http`,
          message: `${quoted(name)}'s load balancer ${serves}`,
          fix: `add ${path}.https, or remove ${path}.http`,
        });
      }
    }
    return problems;
  },
});
