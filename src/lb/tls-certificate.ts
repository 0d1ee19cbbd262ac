import { Construct } from 'constructs';
import { ComputeSslCertificate } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { resourcePath } from '../names';

/** Keys of a Kubernetes TLS Secret (`kubectl create secret tls`). */
export const TLS_SECRET_KEYS = { certificate: 'tls.crt', privateKey: 'tls.key' } as const;

/** What a regional target HTTPS proxy serves: Compute SSL certificates, or Certificate Manager certificates. */
export type ProxyCertificates =
  | { readonly sslCertificates: Array<{ name: string } | { external: string }> }
  | { readonly certificateManagerCertificates: Array<{ external: string }> };

type Source =
  | { readonly kind: 'secret'; readonly secretName: string; readonly version?: number }
  | { readonly kind: 'ssl'; readonly certificateName: string }
  | { readonly kind: 'certificate-manager'; readonly certificateName: string };

/**
 * The certificate an internal load balancer serves HTTPS with: one runnel creates from a Kubernetes TLS
 * Secret (the key never appears in the output), an existing regional SSL certificate, or an existing regional
 * Certificate Manager certificate.
 * @see https://cloud.google.com/load-balancing/docs/ssl-certificates/self-managed-certs
 * @see https://cloud.google.com/certificate-manager/docs/deploy
 */
export class TlsCertificate {
  /**
   * A regional SSL certificate created from the Kubernetes Secret `secretName` (keys `tls.crt`, `tls.key`).
   * `version` goes into the certificate's name: its certificate and key are immutable (ComputeSSLCertificate CRD:
   * "Immutable."), so a rotation is a new certificate under a new name, created before the old one is released.
   */
  public static fromSecret(secretName: string, version?: number): TlsCertificate {
    if (version !== undefined && (!Number.isInteger(version) || version < 1)) {
      throw new Error(`certificate version ${version} is not a positive integer`);
    }
    return new TlsCertificate({ kind: 'secret', secretName, version });
  }

  /** An existing regional SSL certificate in the load balancer's region. */
  public static fromExisting(certificateName: string): TlsCertificate {
    return new TlsCertificate({ kind: 'ssl', certificateName });
  }

  /**
   * An existing Certificate Manager certificate in the load balancer's region. A regional internal Application
   * Load Balancer's target proxy references such certificates directly (no certificate map); the CRD's
   * `certificateManagerCertificates` excludes `sslCertificates`.
   * @see https://cloud.google.com/certificate-manager/docs/overview#supported-load-balancers
   */
  public static fromCertificateManager(certificateName: string): TlsCertificate {
    return new TlsCertificate({ kind: 'certificate-manager', certificateName });
  }

  private constructor(private readonly source: Source) {}

  /** Whether binding creates a certificate (which then needs a valid name). */
  public get createsCertificate(): boolean {
    return this.source.kind === 'secret';
  }

  /** Whether it is a Certificate Manager certificate (what a cross-region load balancer needs). */
  public get isCertificateManager(): boolean {
    return this.source.kind === 'certificate-manager';
  }

  /** The version carried in the created certificate's name. */
  public get version(): number | undefined {
    return this.source.kind === 'secret' ? this.source.version : undefined;
  }

  /**
   * The proxy's certificate fields, creating the certificate under `scope` when it comes from a secret.
   * @internal
   */
  public _bind(scope: Construct, name: string, kcc: KccScope, region: string): ProxyCertificates {
    const source = this.source;
    if (source.kind === 'ssl') {
      return { sslCertificates: [{ external: resourcePath.regionSslCertificate(kcc.project, region, source.certificateName) }] };
    }
    if (source.kind === 'certificate-manager') {
      const external = resourcePath.certificateManagerCertificate(kcc.project, region, source.certificateName);
      return { certificateManagerCertificates: [{ external }] };
    }
    new ComputeSslCertificate(scope, 'Certificate', {
      // Deleted only after the proxy serves its successor: Argo CD prunes it last, and GCP refuses to delete a
      // certificate a proxy still uses, so Config Connector retries until the proxy has moved.
      metadata: kccMetadata(name, kcc, { pruneLast: true }),
      spec: {
        location: region,
        certificate: { valueFrom: { secretKeyRef: { name: source.secretName, key: TLS_SECRET_KEYS.certificate } } },
        privateKey: { valueFrom: { secretKeyRef: { name: source.secretName, key: TLS_SECRET_KEYS.privateKey } } },
      },
    });
    return { sslCertificates: [{ name }] };
  }
}
