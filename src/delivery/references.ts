import { Manifest } from '../manifest';
import { RunLabel } from '../annotations';
/**
 * Checks that every Config Connector reference in an output resolves inside the same output:
 * `...Ref.name` to an object of the expected kind, and the serverless NEG paths the backend services use.
 */

type Obj = Manifest;

/** The kind a `<field>Ref` (or `nameRef` under `subnet`) points at. */
const REF_KINDS: Record<string, string> = {
  networkRef: 'ComputeNetwork',
  computeNetworkRef: 'ComputeNetwork',
  subnetworkRef: 'ComputeSubnetwork',
  nameRef: 'ComputeSubnetwork',
  routerRef: 'ComputeRouter',
  addressRef: 'ComputeAddress',
  // DNSRecordSet's health-checked internal load balancer targets (routingPolicy.geo[].healthCheckedTargets).
  ipAddressRef: 'ComputeAddress',
  urlMapRef: 'ComputeURLMap',
  backendServiceRef: 'ComputeBackendService',
  targetHTTPProxyRef: 'ComputeTargetHTTPProxy',
  targetHTTPSProxyRef: 'ComputeTargetHTTPSProxy',
  networkEndpointGroupRef: 'ComputeRegionNetworkEndpointGroup',
  authorizedNetworkRef: 'ComputeNetwork',
  managedZoneRef: 'DNSManagedZone',
  serviceAccountRef: 'IAMServiceAccount',
  serviceRef: 'RunService',
  connectorRef: 'VPCAccessConnector',
  secretRef: 'SecretManagerSecret',
};

/** References to Kubernetes objects the user supplies, never in the output: a TLS Secret's keys. */
const USER_SUPPLIED = new Set(['secretKeyRef', 'versionRef']);

/** Lists whose items are references by name, and the kind they point at (`kind` in the item wins). */
const REF_LISTS: Record<string, string | undefined> = {
  sslCertificates: 'ComputeSSLCertificate',
  reservedPeeringRanges: 'ComputeAddress',
  rrdatasRefs: undefined,
};

/**
 * The forms `external` paths to existing resources take, by reference field (or, for an IAM `resourceRef`, by the
 * kind it names): the CRDs' "Should be in the format" of each (ComputeForwardingRule networkRef/subnetworkRef,
 * DNSRecordSet managedZoneRef), and Config Connector's samples for a Project.
 */
const EXTERNAL_FORMS: Record<string, RegExp> = {
  networkRef: /^projects\/[^/]+\/global\/networks\/[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
  authorizedNetworkRef: /^projects\/[^/]+\/global\/networks\/[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
  subnetworkRef: /^projects\/[^/]+\/regions\/[a-z0-9-]+\/subnetworks\/[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
  managedZoneRef: /^projects\/[^/]+\/managedZones\/[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
  connectorRef: /^projects\/[^/]+\/locations\/[a-z0-9-]+\/connectors\/[a-z]([-a-z0-9]{0,23}[a-z0-9])?$/,
  ComputeSubnetwork: /^projects\/[^/]+\/regions\/[a-z0-9-]+\/subnetworks\/[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
  Project: /^projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]$/,
};

/** `external` paths of an object that do not have the form their field takes. */
export function malformedExternals(o: Obj): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  walk(o.spec, 'spec', (field, ref, path) => {
    const problem = externalProblem(o, field, ref, path);
    if (problem) problems.push(problem);
  });
  return problems;
}

function externalProblem(o: Obj, field: string, ref: Obj, path: string): ReferenceProblem | undefined {
  if (typeof ref.external !== 'string') return undefined;
  const form = field === 'resourceRef' ? EXTERNAL_FORMS[String(ref.kind)] : EXTERNAL_FORMS[field];
  if (!form || form.test(ref.external)) return undefined;
  return { object: `${o.kind}/${o.metadata?.name}`, field: path, message: `external "${ref.external}" is not a well-formed path` };
}

export interface ReferenceProblem {
  readonly object: string;
  readonly field: string;
  readonly message: string;
}

/** One reference of an object to another in the output, by kind and name. */
export interface Reference {
  /** Where it is written, e.g. `spec.networkRef`. */
  readonly field: string;
  /** The kind it points at; undefined for a reference field runnel does not know (a bug). */
  readonly kind?: string;
  readonly namespace?: string;
  /** The name it points at; for an `external` path, the name parsed from the path. */
  readonly name: string;
  /** Whether it was written as an `external` path that must still resolve inside the output (the NEG). */
  readonly byPath: boolean;
  /** Whether it sets `external` beside `name`, which Config Connector rejects. */
  readonly alsoExternal: boolean;
}

/** Whether an object is a Config Connector object: only those reference each other. */
export function isKccObject(o: Obj): boolean {
  return String(o.apiVersion).includes('.cnrm.cloud.google.com/');
}

/**
 * The references of a Config Connector object to other objects of the output: every `...Ref.name`, the items of
 * the reference lists, and the serverless NEG a backend service names by path. `external` references to
 * resources outside the output, and Kubernetes Secrets the user supplies, are not among them.
 */
export function referencesOf(o: Obj): Reference[] {
  const refs: Reference[] = [];
  walk(o.spec, 'spec', (field, ref, path) => {
    const found = referenceAt(o, field, ref, path);
    if (found) refs.push(found);
  });
  return refs;
}

/** The reference a `...Ref` (or reference list item) at `path` makes, if it is one to an object of the output. */
function referenceAt(o: Obj, field: string, ref: Obj, path: string): Reference | undefined {
  if (USER_SUPPLIED.has(field)) return undefined;
  // A resourceRef (IAM) names its kind itself; list items may too.
  const kind = field === 'resourceRef' || ref.kind !== undefined ? ref.kind : REF_KINDS[field];
  if (ref.name !== undefined) {
    return {
      field: path,
      kind,
      namespace: ref.namespace ?? o.metadata?.namespace,
      name: ref.name,
      byPath: false,
      alsoExternal: ref.external !== undefined,
    };
  }
  if (field === 'networkEndpointGroupRef' && typeof ref.external === 'string') {
    const m = /^projects\/[^/]+\/regions\/[^/]+\/networkEndpointGroups\/([^/]+)$/.exec(ref.external);
    return { field: path, kind, namespace: o.metadata?.namespace, name: m ? m[1] : ref.external, byPath: true, alsoExternal: false };
  }
  if (field === 'addressRef' && typeof ref.external === 'string') {
    // A Private Service Connect rule names its global address by path (GoogleApisEndpoint).
    const m = /^projects\/[^/]+\/global\/addresses\/([^/]+)$/.exec(ref.external);
    if (m) return { field: path, kind, namespace: o.metadata?.namespace, name: m[1], byPath: true, alsoExternal: false };
  }
  return undefined;
}

/** `kind/namespace/name`, the identity of an object in the output. */
export function objectKey(kind: string | undefined, namespace: string | undefined, name: string): string {
  return key(kind ?? '', namespace, name);
}

export function checkReferences(objects: readonly Obj[]): ReferenceProblem[] {
  const index = new Set<string>();
  const problems: ReferenceProblem[] = [];
  for (const o of objects) {
    // A Knative Service is one per region: the same name in two regions is two services (the location label says which).
    const location = String(o.apiVersion).startsWith('serving.knative.dev/') ? o.metadata?.labels?.[RunLabel.LOCATION] : undefined;
    const k = key(o.kind, o.metadata?.namespace, o.metadata?.name) + (location !== undefined ? `\u0000${location}` : '');
    if (index.has(k)) problems.push({ object: `${o.kind}/${o.metadata?.name}`, field: 'metadata.name', message: 'is emitted twice' });
    index.add(k);
  }
  for (const o of objects) {
    if (!isKccObject(o)) continue;
    const id = `${o.kind}/${o.metadata?.name}`;
    // One walk per object for both questions: is each external path well formed, does each reference resolve (told
    // in that order).
    const malformed: ReferenceProblem[] = [];
    const unresolved: ReferenceProblem[] = [];
    walk(o.spec, 'spec', (field, at, path) => {
      const problem = externalProblem(o, field, at, path);
      if (problem) malformed.push(problem);
      const ref = referenceAt(o, field, at, path);
      if (!ref) return;
      if (ref.alsoExternal) unresolved.push({ object: id, field: ref.field, message: 'sets both name and external' });
      if (!ref.kind) {
        unresolved.push({ object: id, field: ref.field, message: `unknown reference field ${ref.field.split('.').pop()}` });
      } else if (!index.has(key(ref.kind, ref.namespace, ref.name))) {
        const what = ref.byPath ? (ref.kind === 'ComputeAddress' ? 'address' : 'NEG') : ref.kind;
        unresolved.push({ object: id, field: ref.field, message: `${what} "${ref.name}" is not in the output` });
      }
    });
    problems.push(...malformed, ...unresolved);
  }
  return problems;
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/**
 * Calls `onRef` for every reference under `value` (at `root`): a `...Ref` map, or an item of a reference list. The
 * path of a reference (`spec.target.targetHTTPProxyRef`, `spec.sslCertificates[0]`) is written only for references:
 * walking the rest of every object builds no strings (at 1,000 services, two walks of ~6,000 objects).
 */
function walk(value: unknown, root: string, onRef: (field: string, ref: Obj, path: string) => void): void {
  const at: (string | number)[] = [];
  const pathTo = (last: string | number): string =>
    [...at, last].reduce<string>((p, part) => (typeof part === 'number' ? `${p}[${part}]` : `${p}.${part}`), root);
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        at.push(i);
        visit(v[i]);
        at.pop();
      }
      return;
    }
    if (!v || typeof v !== 'object') return;
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (k.endsWith('Ref') && x && typeof x === 'object' && !Array.isArray(x)) onRef(k, x as Obj, pathTo(k));
      else if (Object.hasOwn(REF_LISTS, k) && Array.isArray(x)) {
        at.push(k);
        x.forEach((item, i) => onRef(k, REF_LISTS[k] && !item.kind ? { ...item, kind: REF_LISTS[k] } : item, pathTo(i)));
        at.pop();
      } else {
        at.push(k);
        visit(x);
        at.pop();
      }
    }
  };
  visit(value);
}
