import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

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
    for (const s of model.services.filter((x) => x.loadBalancer)) {
      const lb = s.loadBalancer!;
      const path = `${s.path}.loadBalancer`;
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
      if (!lb.http && !https) {
        problems.push({
          path: `${path}.http`,
          message: `${quoted(s.name)}'s load balancer would serve neither HTTP nor HTTPS`,
          fix: `add ${path}.https, or remove ${path}.http`,
        });
      }
    }
    return problems;
  },
});
