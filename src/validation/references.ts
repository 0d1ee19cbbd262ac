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
};

export interface ReferenceProblem {
  readonly object: string;
  readonly field: string;
  readonly message: string;
}

export function checkReferences(objects: readonly Obj[]): ReferenceProblem[] {
  const index = new Set(objects.map((o) => key(o.kind, o.metadata?.namespace, o.metadata?.name)));
  const problems: ReferenceProblem[] = [];
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    walk(o.spec, 'spec', (field, ref, path) => {
      const kind = REF_KINDS[field];
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
      else walk(v, p, onRef);
    }
  }
}
