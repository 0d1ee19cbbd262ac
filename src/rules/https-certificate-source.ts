import { Problem } from '../validation/finding';
import { defineRule } from '../validation/rule';
import { TopologyModel } from '../topology/model';

/**
 * HTTPS takes one certificate: from a Kubernetes TLS Secret (runnel creates the regional certificate) or an
 * existing regional certificate. A load balancer serves at least one protocol.
 * @see https://cloud.google.com/load-balancing/docs/ssl-certificates/self-managed-certs
 */
export const httpsCertificateSource = defineRule({
  id: 'https-certificate-source',
  severity: 'error',
  summary: 'HTTPS names exactly one certificate source, and a load balancer serves HTTP, HTTPS or both.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services.filter((x) => x.loadBalancer)) {
      const lb = s.loadBalancer!;
      const path = `${s.path}.loadBalancer`;
      const https = lb.https;
      if (https && (https.certificateSecret === undefined) === (https.sslCertificate === undefined)) {
        problems.push({
          path: `${path}.https`,
          message: https.certificateSecret === undefined ? 'names no certificate' : 'names both certificateSecret and sslCertificate',
          fix: 'set exactly one: certificateSecret (a Kubernetes TLS Secret) or sslCertificate (an existing regional certificate)',
        });
      }
      if (!lb.http && !https) {
        problems.push({ path: `${path}.http`, message: `"${s.name}"'s load balancer would serve neither HTTP nor HTTPS`, fix: `add ${path}.https, or remove ${path}.http` });
      }
    }
    return problems;
  },
});
