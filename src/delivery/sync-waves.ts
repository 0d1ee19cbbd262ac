import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../manifest';
import { ArgoAnnotation } from '../annotations';
import { isKccObject, objectKey, referencesOf } from './references';

type Obj = Manifest;

/**
 * What each object must wait for: the objects it references, and the dependencies Config Connector cannot see
 * because nothing in the spec names them:
 * - an `INTERNAL_MANAGED` forwarding rule needs the active proxy-only subnet of its network and region, or
 *   GCP rejects it (https://cloud.google.com/load-balancing/docs/proxy-only-subnets);
 * - a regional backend service names its serverless NEG by path (k8s-config-connector #704), and a Private Service
 *   Connect forwarding rule its global address: a path is not a reference Config Connector waits on, but it is one
 *   here (`referencesOf` resolves both);
 * - a Redis instance in private services access mode takes its range by name from the Service Networking
 *   connection, which must exist first (https://cloud.google.com/memorystore/docs/redis/networking);
 * - a RunService's revision starts only if its account may already read the secrets it mounts, and Config
 *   Connector may attach the account only once the deployer's `roles/iam.serviceAccountUser` on it exists
 *   (https://cloud.google.com/run/docs/configuring/services/service-identity);
 * - every Config Connector object needs the project's APIs enabled (serviceusage `Service`s): a fresh project
 *   refuses the rest (https://cloud.google.com/service-usage/docs/enable-disable);
 * - in namespaced mode, Config Connector acts on a namespace's objects only once its ConfigConnectorContext exists
 *   (https://cloud.google.com/config-connector/docs/how-to/install-namespaced);
 * - every namespaced object needs its Namespace;
 * - a Connectivity Test analyses the live configuration when it is created: it waits for every other Config
 *   Connector object, so its first result is about the path as deployed, not a half-built one
 *   (https://cloud.google.com/network-intelligence-center/docs/connectivity-tests/concepts/overview).
 */
export function dependencies(objects: readonly Obj[]): Map<Obj, Obj[]> {
  return dependencyGraph(objects).deps;
}

/**
 * What `dependencies` and `syncWaves` read of an object, read once: at 1,000 services the ~6,000 objects have dozens
 * of shapes, and every property read on them was a slow (megamorphic) one, many times per object.
 */
interface Facts {
  readonly o: Obj;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly kcc: boolean;
  /** A ConfigConnectorContext: every other Config Connector object of its namespace waits for it. */
  readonly context: boolean;
  /** A serviceusage `Service` (an API to enable): every Config Connector object but contexts and APIs waits for it. */
  readonly api: boolean;
}

function factsOf(o: Obj): Facts {
  const kind = o.kind;
  const apiVersion = String(o.apiVersion);
  return {
    o,
    kind,
    namespace: o.metadata?.namespace,
    kcc: isKccObject(o),
    context: kind === 'ConfigConnectorContext' && apiVersion.startsWith('core.cnrm.cloud.google.com/'),
    api: kind === 'Service' && apiVersion.startsWith('serviceusage.cnrm.cloud.google.com/'),
  };
}

function dependencyGraph(objects: readonly Obj[]): { facts: Facts[]; deps: Map<Obj, Obj[]> } {
  const facts = objects.map(factsOf);
  const byKey = new Map(facts.map((f) => [objectKey(f.kind, f.namespace, f.o.metadata?.name), f.o]));
  const proxyOnly: Obj[] = [];
  const globalProxyOnly: Obj[] = [];
  const connections: Obj[] = [];
  const secretGrants: Obj[] = [];
  const actAsGrants: Obj[] = [];
  const apis: Obj[] = [];
  const kcc: Facts[] = [];
  const namespaces = new Map<string, Obj>();
  const contexts = new Map<string | undefined, Obj>();
  for (const f of facts) {
    const o = f.o;
    if (f.kind === 'Namespace' && o.apiVersion === 'v1') namespaces.set(o.metadata.name, o);
    if (!f.kcc) continue;
    kcc.push(f);
    if (f.context) contexts.set(f.namespace, o);
    if (f.api) apis.push(o);
    if (f.kind === 'ComputeSubnetwork' && o.spec?.purpose === 'REGIONAL_MANAGED_PROXY') proxyOnly.push(o);
    if (f.kind === 'ComputeSubnetwork' && o.spec?.purpose === 'GLOBAL_MANAGED_PROXY') globalProxyOnly.push(o);
    if (f.kind === 'ServiceNetworkingConnection') connections.push(o);
    if (f.kind === 'IAMPolicyMember' && o.spec?.role === 'roles/secretmanager.secretAccessor') secretGrants.push(o);
    if (f.kind === 'IAMPolicyMember' && o.spec?.role === 'roles/iam.serviceAccountUser') actAsGrants.push(o);
  }

  const deps = new Map<Obj, Obj[]>();
  for (const f of facts) {
    const o = f.o;
    const found = new Set<Obj>();
    const add = (x: Obj | undefined) => x && x !== o && found.add(x);
    if (f.namespace !== undefined) add(namespaces.get(f.namespace));
    if (f.kcc) {
      if (!f.context) add(contexts.get(f.namespace));
      if (!f.context && !f.api) for (const a of apis) add(a);
      for (const ref of referencesOf(o)) add(byKey.get(objectKey(ref.kind, ref.namespace, ref.name)));
      switch (f.kind) {
        case 'ComputeForwardingRule':
          if (o.spec?.loadBalancingScheme !== 'INTERNAL_MANAGED') break;
          if (o.spec.location !== 'global') {
            for (const s of proxyOnly) if (s.spec.networkRef?.name === o.spec.networkRef?.name && s.spec.region === o.spec.location) add(s);
          } else {
            // A cross-region internal load balancer's forwarding rule is global but sits in one region's subnet: it needs
            // the GLOBAL_MANAGED_PROXY subnet of that region (https://cloud.google.com/load-balancing/docs/proxy-only-subnets).
            const subnetName = o.spec.subnetworkRef?.name;
            const subnet = subnetName !== undefined ? byKey.get(objectKey('ComputeSubnetwork', f.namespace, subnetName)) : undefined;
            for (const s of globalProxyOnly) {
              if (s.spec.networkRef?.name === o.spec.networkRef?.name && s.spec.region === subnet?.spec?.region) add(s);
            }
          }
          break;
        case 'RedisInstance':
          if (o.spec?.connectMode === 'PRIVATE_SERVICE_ACCESS') {
            for (const c of connections) if (c.spec.networkRef?.name === o.spec.authorizedNetworkRef?.name) add(c);
          }
          break;
        case 'NetworkManagementConnectivityTest':
          for (const x of kcc) if (x.kind !== f.kind) add(x.o);
          break;
        case 'RunService': {
          const account = o.spec?.template?.serviceAccountRef;
          for (const g of secretGrants) {
            const member = g.spec.memberFrom?.serviceAccountRef?.name;
            if (account && ((member !== undefined && member === account.name) || g.spec.member === `serviceAccount:${account.external}`))
              add(g);
          }
          for (const g of actAsGrants) if (account?.name !== undefined && g.spec.resourceRef?.name === account.name) add(g);
          break;
        }
      }
    }
    deps.set(o, [...found]);
  }
  return { facts, deps };
}

/**
 * Argo CD sync waves: each object one wave after the last of its dependencies, so a multi-wave sync applies
 * nothing before what it needs. Only Config Connector objects and Namespaces get one; Knative Services are left
 * alone (`gcloud run services replace` deploys them). Returns the wave of each such object; changes nothing.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
 */
export function syncWaves(objects: readonly Obj[]): Map<Obj, number> {
  const { facts, deps } = dependencyGraph(objects);
  const waves = new Map<Obj, number>();
  const visiting = new Set<Obj>();
  const waveOf = (o: Obj): number => {
    const known = waves.get(o);
    if (known !== undefined) return known;
    if (visiting.has(o)) throw new Error(`dependency cycle through ${o.kind}/${o.metadata?.name}`);
    visiting.add(o);
    const wave = Math.max(-1, ...deps.get(o)!.map(waveOf)) + 1;
    visiting.delete(o);
    waves.set(o, wave);
    return wave;
  };
  const applied = facts.filter((f) => f.kcc || (f.kind === 'Namespace' && f.o.apiVersion === 'v1'));
  return new Map(applied.map((f) => [f.o, waveOf(f.o)]));
}

interface WaveScope {
  /** Whether the scope's objects carry their waves (as JSON patches) already. */
  assigned: boolean;
}

const scopes = new WeakMap<Construct, WaveScope>();
/** While above 0, the synthesis hooks leave the waves to `assignSyncWaves`' caller (renderFiles renders once). */
let deferred = 0;

/**
 * Sets the Argo CD sync wave of every Config Connector object and Namespace under `scope` in whatever synthesizes
 * it: cdk8s validates the whole app before rendering in `app.synth()`, `app.synthYaml()` and `chart.toJson()`
 * alike, and this adds a validation to `scope` that renders the scope's objects once, computes their waves over
 * all of them (`syncWaves`: they depend on the whole output) and adds each object's wave as a JSON patch, which
 * cdk8s applies last, after sorting keys, so the annotation comes last in `metadata.annotations`.
 *
 * The waves are computed once, at the first synthesis: objects added to the scope after it get none. `PrivateTopology`
 * calls this on itself, so a topology in a user's own cdk8s chart carries the same waves as the CLI's output.
 */
export function setSyncWavesOnSynth(scope: Construct): void {
  if (scopes.has(scope)) return;
  const state: WaveScope = { assigned: false };
  scopes.set(scope, state);
  scope.node.addValidation({
    validate: () => {
      if (state.assigned || deferred > 0) return [];
      const objects = scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
      let rendered: Map<ApiObject, Obj>;
      try {
        rendered = new Map(objects.map((o) => [o, o.toJson() as Obj]));
      } catch {
        // An object that cannot render fails the synthesis that follows, with cdk8s' own message.
        return [];
      }
      patchWaves(state, rendered);
      return [];
    },
  });
}

/**
 * Runs `validate` (which validates the constructs under some root) with the synthesis hooks of `setSyncWavesOnSynth`
 * held back, for a caller that renders every object itself and then calls `assignSyncWaves` with what it rendered:
 * each object is rendered once instead of twice.
 */
export function withSyncWavesDeferred<T>(validate: () => T): T {
  deferred++;
  try {
    return validate();
  } finally {
    deferred--;
  }
}

/**
 * The waves of every wave scope among `constructs` that has none yet, from the objects as the caller rendered them
 * (`rendered`, each object's `toJson()`): each rendered object gets its wave annotation, exactly as the patch added to
 * the ApiObject gives every later `toJson()`. An object of a scope that the caller did not render is rendered here.
 */
export function assignSyncWaves(constructs: readonly Construct[], rendered: ReadonlyMap<ApiObject, Obj>): void {
  for (const c of constructs) {
    const state = scopes.get(c);
    if (!state || state.assigned) continue;
    const objects = c.node.findAll().filter((x): x is ApiObject => x instanceof ApiObject);
    const own = new Map(objects.map((o) => [o, rendered.get(o) ?? (o.toJson() as Obj)]));
    const waves = patchWaves(state, own);
    for (const [json, wave] of waves) annotate(json, wave);
  }
}

/** Computes the scope's waves from its rendered objects and patches each ApiObject; returns each rendered object's wave. */
function patchWaves(state: WaveScope, rendered: ReadonlyMap<ApiObject, Obj>): Map<Obj, number> {
  const waves = syncWaves([...rendered.values()]);
  for (const [o, json] of rendered) {
    const wave = waves.get(json);
    if (wave === undefined) continue;
    // Added last, as the annotation was when the render pass set it: an absent `annotations` is created whole.
    o.addJsonPatch(
      json.metadata?.annotations === undefined
        ? JsonPatch.add('/metadata/annotations', { [ArgoAnnotation.SYNC_WAVE]: String(wave) })
        : JsonPatch.add(`/metadata/annotations/${ArgoAnnotation.SYNC_WAVE.replace(/~/g, '~0').replace(/\//g, '~1')}`, String(wave)),
    );
  }
  state.assigned = true;
  return waves;
}

function annotate(o: Obj, wave: number): void {
  o.metadata.annotations = { ...o.metadata.annotations, [ArgoAnnotation.SYNC_WAVE]: String(wave) };
}
