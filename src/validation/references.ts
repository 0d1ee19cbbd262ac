/**
 * Checks that every Config Connector reference in an output resolves inside the same output:
 * `...Ref.name` to an object of the expected kind, and the serverless NEG paths the backend services use.
 */

type Obj = Record<string, any>;

/** The kind a `<field>Ref` (or `nameRef` under `subnet`) points at. */
const REF_KINDS: Record<string, string> = {
  networkRef: 'ComputeNetwork',
  subnetworkRef: 'ComputeSubnetwork',
  nameRef: 'ComputeSubnetwork',
  routerRef: 'ComputeRouter',
  addressRef: 'ComputeAddress',
  urlMapRef: 'ComputeURLMap',
  backendServiceRef: 'ComputeBackendService',
  targetHTTPProxyRef: 'ComputeTargetHTTPProxy',
  targetHTTPSProxyRef: 'ComputeTargetHTTPSProxy',
  networkEndpointGroupRef: 'ComputeRegionNetworkEndpointGroup',
  authorizedNetworkRef: 'ComputeNetwork',
  managedZoneRef: 'DNSManagedZone',
  serviceAccountRef: 'IAMServiceAccount',
};

/** References to Kubernetes objects the user supplies, never in the output: a TLS Secret's keys. */
const USER_SUPPLIED = new Set(['secretKeyRef']);

/** Lists whose items are references by name, and the kind they point at (`kind` in the item wins). */
const REF_LISTS: Record<string, string | undefined> = {
  sslCertificates: 'ComputeSSLCertificate',
  reservedPeeringRanges: 'ComputeAddress',
  rrdatasRefs: undefined,
};

export interface ReferenceProblem {
  readonly object: string;
  readonly field: string;
  readonly message: string;
}

export function checkReferences(objects: readonly Obj[]): ReferenceProblem[] {
  const index = new Set<string>();
  const problems: ReferenceProblem[] = [];
  for (const o of objects) {
    const k = key(o.kind, o.metadata?.namespace, o.metadata?.name);
    if (index.has(k)) problems.push({ object: `${o.kind}/${o.metadata?.name}`, field: 'metadata.name', message: 'is emitted twice' });
    index.add(k);
  }
  // Only Config Connector objects reference each other; a Knative `secretKeyRef` names a Secret Manager secret.
  for (const o of objects.filter((x) => String(x.apiVersion).includes('.cnrm.cloud.google.com/'))) {
    const id = `${o.kind}/${o.metadata?.name}`;
    walk(o.spec, 'spec', (field, ref, path) => {
      if (USER_SUPPLIED.has(field)) return undefined;
      // A resourceRef (IAM) names its kind itself; list items may too.
      const kind = field === 'resourceRef' || ref.kind !== undefined ? ref.kind : REF_KINDS[field];
      if (ref.name !== undefined && ref.external !== undefined) {
        problems.push({ object: id, field: path, message: 'sets both name and external' });
      }
      if (ref.name !== undefined) {
        if (!kind) return problems.push({ object: id, field: path, message: `unknown reference field ${field}` });
        if (!index.has(key(kind, ref.namespace ?? o.metadata?.namespace, ref.name))) {
          problems.push({ object: id, field: path, message: `${kind} "${ref.name}" is not in the output` });
        }
      } else if (field === 'networkEndpointGroupRef' && typeof ref.external === 'string') {
        const m = /^projects\/[^/]+\/regions\/[^/]+\/networkEndpointGroups\/([^/]+)$/.exec(ref.external);
        if (!m || !index.has(key(kind, o.metadata?.namespace, m[1]))) {
          problems.push({ object: id, field: path, message: `NEG "${ref.external}" is not in the output` });
        }
      }
      return undefined;
    });
  }
  return problems;
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

function walk(value: unknown, path: string, onRef: (field: string, ref: Obj, path: string) => unknown): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, onRef));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = `${path}.${k}`;
      if (k.endsWith('Ref') && v && typeof v === 'object' && !Array.isArray(v)) onRef(k, v as Obj, p);
      else if (k in REF_LISTS && Array.isArray(v)) {
        v.forEach((item, i) => onRef(k, REF_LISTS[k] && !item.kind ? { ...item, kind: REF_LISTS[k] } : item, `${p}[${i}]`));
      } else walk(v, p, onRef);
    }
  }
}
