import { Construct } from 'constructs';
import { ComputeSslCertificate } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { resourcePath } from '../names';

/** Keys of a Kubernetes TLS Secret (`kubectl create secret tls`). */
export const TLS_SECRET_KEYS = { certificate: 'tls.crt', privateKey: 'tls.key' } as const;

/**
 * The certificate an internal load balancer serves HTTPS with: one runnel creates from a Kubernetes TLS
 * Secret (the key never appears in the output), or an existing regional certificate.
 * @see https://cloud.google.com/load-balancing/docs/ssl-certificates/self-managed-certs
 */
export class TlsCertificate {
  /** A regional SSL certificate created from the Kubernetes Secret `secretName` (keys `tls.crt`, `tls.key`). */
  public static fromSecret(secretName: string): TlsCertificate {
    return new TlsCertificate({ secretName });
  }

  /** An existing regional SSL certificate in the load balancer's region. */
  public static fromExisting(certificateName: string): TlsCertificate {
    return new TlsCertificate({ certificateName });
  }

  private constructor(private readonly source: { readonly secretName?: string; readonly certificateName?: string }) {}

  /**
   * The proxy's reference to the certificate, creating it under `scope` when it comes from a secret.
   * @internal
   */
  public _bind(scope: Construct, name: string, kcc: KccScope, region: string): { name: string } | { external: string } {
    const secretName = this.source.secretName;
    if (secretName === undefined) return { external: resourcePath.regionSslCertificate(kcc.project, region, this.source.certificateName!) };
    new ComputeSslCertificate(scope, 'Certificate', {
      metadata: kccMetadata(name, kcc),
      spec: {
        location: region,
        certificate: { valueFrom: { secretKeyRef: { name: secretName, key: TLS_SECRET_KEYS.certificate } } },
        privateKey: { valueFrom: { secretKeyRef: { name: secretName, key: TLS_SECRET_KEYS.privateKey } } },
      },
    });
    return { name };
  }
}
