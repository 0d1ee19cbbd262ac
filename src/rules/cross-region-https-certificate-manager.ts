import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * A cross-region internal Application Load Balancer (a service in several regions) serves HTTPS only with global
 * Certificate Manager certificates: its global target proxy takes neither Compute SSL certificates nor regional ones.
 * @see https://cloud.google.com/certificate-manager/docs/overview#supported-load-balancers
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless
 */
export const crossRegionHttpsCertificateManager = defineRule({
  id: 'cross-region-https-certificate-manager',
  severity: 'error',
  summary: 'HTTPS of a service in several regions uses a global Certificate Manager certificate.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    const shared = model.loadBalancing.shared;
    if (shared?.crossRegion && shared.https && shared.https.certificateManagerCertificate === undefined) {
      const source = shared.https.certificateSecret !== undefined ? 'certificateSecret' : 'sslCertificate';
      problems.push({
        path: `loadBalancing.https.${source}`,
        message: `${shared.crossRegion.services.map(quoted).join(', ')} run in several regions, behind the shared cross-region load balancer, which cannot serve a Compute SSL certificate`,
        fix: 'create a global Certificate Manager certificate for *.<dns.domain> and name it in loadBalancing.https.certificateManagerCertificate',
      });
    }
    for (const s of model.services) {
      const lb = s.loadBalancer;
      if (!lb?.crossRegion || lb.shared || !lb.https || lb.https.certificateManagerCertificate !== undefined) continue;
      const source = lb.https.certificateSecret !== undefined ? 'certificateSecret' : 'sslCertificate';
      problems.push({
        path: `${s.path}.loadBalancer.https.${source}`,
        message: `${quoted(s.name)} runs in several regions, behind a cross-region load balancer, which cannot serve a ${source === 'certificateSecret' ? 'Compute SSL certificate created from a Secret' : 'Compute SSL certificate'}`,
        fix: `create a global Certificate Manager certificate for ${lb.dnsName ?? `the service's host`} and name it in ${s.path}.loadBalancer.https.certificateManagerCertificate`,
      });
    }
    return problems;
  },
});
