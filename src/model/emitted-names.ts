import { memoized } from '../memo';
import { derivedName, grantName, inRegion, recordSetName, secretObjectName, sharedLoadBalancerNames } from '../names';
import { hasRegionalShared, ServiceModel, TopologyModel } from './model';
import { connectivityTestPlans } from './paths';
import { sharedVpcGrants } from './shared-vpc-grants';

/** One object the output will hold, as far as its name goes. */
export interface EmittedName {
  /** The object's kind (`ComputeAddress`, `IAMPolicyMember`...). */
  readonly kind: string;
  /** Its `metadata.name`. */
  readonly name: string;
  /** The field a user edits to change the name. */
  readonly path: string;
  /** What the object is, in messages ("load balancer address of service api"). */
  readonly what: string;
  /**
   * What the object says: two entries with the same kind, name and identity are one object, emitted once (two
   * services sharing an account and a secret share the grant); the same kind and name with another identity collide.
   */
  readonly identity: string;
  /** The name is only a Kubernetes name (a grant, a record set), not also a GCP name with a rule of its own. */
  readonly kubernetesOnly?: boolean;
}

/**
 * Every (kind, name) pair synth emits for `model`, with the field each comes from, made with the same functions of
 * names.ts the constructs use. A test holds this list equal to what synth writes, so the rule `emitted-names-unique`
 * refuses exactly what synth would emit twice.
 */
export function emittedNames(model: TopologyModel): readonly EmittedName[] {
  return memoized(EMITTED, model, namesOf);
}

/** Computed once per model: two rules and synth ask (the model is read-only once resolved). */
const EMITTED = new WeakMap<TopologyModel, readonly EmittedName[]>();

function namesOf(model: TopologyModel): EmittedName[] {
  const out: EmittedName[] = [];
  const add = (kind: string, name: string, path: string, what: string, identity = what, kubernetesOnly = false) =>
    out.push({ kind, name, path, what, identity, ...(kubernetesOnly ? { kubernetesOnly } : {}) });
  const net = model.network.name;

  if (model.delivery.createNamespace && model.namespace) {
    add('Namespace', model.namespace, 'namespace', 'namespace');
    if (model.delivery.configConnectorServiceAccount !== undefined) {
      add(
        'ConfigConnectorContext',
        derivedName.configConnectorContext(),
        'delivery.configConnectorServiceAccount',
        'ConfigConnectorContext',
      );
    }
  }
  // An existing network and its subnets are referenced, never emitted.
  if (!model.network.existing) add('ComputeNetwork', net, 'network.name', 'network');
  for (const r of model.regions) {
    const base = r.primary ? 'network.subnets' : `network.regions.${r.name}.subnets`;
    for (const s of Object.values(r.subnets).filter((x) => x.needed && !model.network.existing)) {
      // Subnets sharing a name are the rule unique-names' finding: one identity here, so it is reported once.
      add('ComputeSubnetwork', s.name, s.nameDerived ? `${base}.${s.role}.name` : s.namePath, `${s.role} subnet`, 'subnet');
    }
    const where = r.primary ? '' : ` in ${r.name}`;
    if (model.connector.needed && r.subnets.connector.needed)
      add('VPCAccessConnector', r.connectorName, 'network.connector.name', `connector${where}`);
    if (r.natSubnets.length > 0) {
      add('ComputeRouter', r.routerName, 'network.nat.routerName', `Cloud Router${where}`);
      add('ComputeRouterNAT', r.natName, 'network.nat.name', `Cloud NAT${where}`);
    }
  }
  const psa = model.privateServiceAccess;
  if (psa.needed) {
    add('ComputeAddress', psa.name, 'network.privateServiceAccess.name', 'private services access range');
    add('ServiceNetworkingConnection', derivedName.serviceNetworkingConnection(net), 'network.name', 'private services access connection');
  }
  if (model.psc) {
    const psc = model.psc;
    add('ComputeAddress', psc.name, psc.namePath, 'Private Service Connect endpoint address');
    add('ComputeForwardingRule', psc.name, psc.namePath, 'Private Service Connect endpoint');
    add('DNSManagedZone', psc.zoneName, 'network.name', 'googleapis.com zone');
    add('DNSRecordSet', recordSetName(psc.zoneName, '@', 'A'), 'network.name', 'googleapis.com apex record', undefined, true);
    add('DNSRecordSet', recordSetName(psc.zoneName, '*', 'CNAME'), 'network.name', 'googleapis.com wildcard record', undefined, true);
  }
  const dns = model.dns;
  // Derived names first, so a collision is reported at the name the user gave.
  if (dns?.runAppZoneName) {
    add('DNSManagedZone', dns.runAppZoneName, 'network.name', 'run.app zone');
    add('DNSRecordSet', recordSetName(dns.runAppZoneName, '*', 'A'), 'network.name', 'run.app wildcard record', undefined, true);
  }
  if (dns?.domain !== undefined && !dns.existingZone)
    add('DNSManagedZone', dns.zoneName, dns.zoneNamePath, 'private zone of the load balancers');
  for (const s of model.services) loadBalancerNames(model, s, add);
  sharedLoadBalancerNamesOf(model, add);
  for (const b of model.backends.filter((x) => x.redis)) add('RedisInstance', b.name, `${b.path}.name`, `Redis backend ${b.name}`);
  for (const secret of model.secrets)
    add('SecretManagerSecret', secretObjectName(secret.name), `${secret.path}.name`, `secret ${secret.name}`);
  identityNames(model, add);
  for (const g of sharedVpcGrants(model)) {
    const grant = `${g.role} for ${g.email} (${g.why})`;
    add('IAMPolicyMember', g.name, 'network.project', grant, grant, true);
  }
  const kcc = model.delivery.cloudRun === 'config-connector';
  for (const s of model.services) {
    // One Cloud Run service per region: the first region's named as the service, a later one's RunService `<name>-<region>`.
    for (const region of s.regions) {
      const name = kcc ? inRegion(s.name, region, region === model.region) : s.name;
      add(kcc ? 'RunService' : 'Service', name, `${s.path}.name`, kcc ? `service ${s.name} in ${region}` : `service ${s.name}`);
    }
  }
  for (const t of connectivityTestPlans(model))
    add('NetworkManagementConnectivityTest', t.name, t.declaredAt, `Connectivity Test of ${t.kind} ${t.from} -> ${t.to}`);
  if (model.delivery.argocd) add('Application', model.delivery.argocd.name, 'delivery.argocd.name', 'Argo CD Application');
  return out;
}

type Add = (kind: string, name: string, path: string, what: string, identity?: string, kubernetesOnly?: boolean) => void;

function loadBalancerNames(model: TopologyModel, s: ServiceModel, add: Add): void {
  const lb = s.loadBalancer;
  if (!lb) return;
  const path = `${s.path}.name`;
  const of = `of service ${s.name}`;
  if (lb.crossRegion) {
    crossRegionNames(model, s, add);
    return;
  }
  add('ComputeRegionNetworkEndpointGroup', derivedName.neg(s.name), path, `serverless NEG ${of}`);
  add('ComputeBackendService', derivedName.backendService(s.name), path, `backend service ${of}`);
  if (lb.shared) {
    // Behind the shared load balancer: its own NEG and backend service, and its name pointing at the shared address.
    if (model.dns?.domain !== undefined) {
      add('DNSRecordSet', recordSetName(model.dns.zoneName, s.name, 'A'), path, `DNS record ${of}`, undefined, true);
    }
    return;
  }
  add('ComputeURLMap', derivedName.urlMap(s.name), path, `URL map ${of}`);
  add('ComputeAddress', derivedName.address(s.name), path, `load balancer address ${of}`);
  if (lb.http) {
    add('ComputeTargetHTTPProxy', derivedName.targetProxy(s.name), path, `HTTP proxy ${of}`);
    add('ComputeForwardingRule', derivedName.forwardingRule(s.name), path, `HTTP forwarding rule ${of}`);
  }
  if (lb.https) {
    add('ComputeTargetHTTPSProxy', derivedName.httpsProxy(s.name), path, `HTTPS proxy ${of}`);
    add('ComputeForwardingRule', derivedName.httpsForwardingRule(s.name), path, `HTTPS forwarding rule ${of}`);
    if (lb.https.certificateSecret)
      add('ComputeSSLCertificate', derivedName.sslCertificate(s.name, lb.https.certificateVersion), path, `SSL certificate ${of}`);
  }
  if (model.dns?.domain !== undefined) {
    add('DNSRecordSet', recordSetName(model.dns.zoneName, s.name, 'A'), path, `DNS record ${of}`, undefined, true);
  }
}

/** A service in several regions: `CrossRegionServerlessBackend` and `CrossRegionInternalLoadBalancer`'s objects. */
function crossRegionNames(model: TopologyModel, s: ServiceModel, add: Add): void {
  const lb = s.loadBalancer!;
  const path = `${s.path}.name`;
  const of = `of service ${s.name}`;
  if (lb.shared) {
    // Behind the shared cross-region load balancer: its NEGs, backend service and record; the rest is the shared one's.
    for (const region of s.regions) {
      const primary = region === model.region;
      add(
        'ComputeRegionNetworkEndpointGroup',
        inRegion(derivedName.neg(s.name), region, primary),
        path,
        `serverless NEG ${of} in ${region}`,
      );
    }
    add('ComputeBackendService', derivedName.backendService(s.name), path, `backend service ${of}`);
    if (model.dns?.domain !== undefined) {
      add('DNSRecordSet', recordSetName(model.dns.zoneName, s.name, 'A'), path, `DNS record ${of}`, undefined, true);
    }
    return;
  }
  for (const region of s.regions) {
    add(
      'ComputeRegionNetworkEndpointGroup',
      inRegion(derivedName.neg(s.name), region, region === model.region),
      path,
      `serverless NEG ${of} in ${region}`,
    );
  }
  add('ComputeBackendService', derivedName.backendService(s.name), path, `backend service ${of}`);
  add('ComputeURLMap', derivedName.urlMap(s.name), path, `URL map ${of}`);
  if (lb.http) add('ComputeTargetHTTPProxy', derivedName.targetProxy(s.name), path, `HTTP proxy ${of}`);
  if (lb.https) add('ComputeTargetHTTPSProxy', derivedName.httpsProxy(s.name), path, `HTTPS proxy ${of}`);
  for (const f of lb.frontends) {
    const primary = f.region === model.region;
    add('ComputeAddress', inRegion(derivedName.address(s.name), f.region, primary), path, `load balancer address ${of} in ${f.region}`);
    if (lb.http) {
      add(
        'ComputeForwardingRule',
        inRegion(derivedName.forwardingRule(s.name), f.region, primary),
        path,
        `HTTP forwarding rule ${of} in ${f.region}`,
      );
    }
    if (lb.https) {
      add(
        'ComputeForwardingRule',
        inRegion(derivedName.httpsForwardingRule(s.name), f.region, primary),
        path,
        `HTTPS forwarding rule ${of} in ${f.region}`,
      );
    }
  }
  if (model.dns?.domain !== undefined) {
    add('DNSRecordSet', recordSetName(model.dns.zoneName, s.name, 'A'), path, `DNS record ${of}`, undefined, true);
  }
}

/** The shared load balancer's own objects (`loadBalancing.mode: shared`), as `SharedInternalLoadBalancer` names them. */
function sharedLoadBalancerNamesOf(model: TopologyModel, add: Add): void {
  const shared = model.loadBalancing.shared;
  if (!shared) return;
  const path = shared.namePath === 'network.name' ? 'loadBalancing.name' : shared.namePath;
  const cross = shared.crossRegion;
  if (cross) {
    // The shared cross-region load balancer (`CrossRegionInternalLoadBalancer` named `<name>-global`).
    const g = sharedLoadBalancerNames(cross.name);
    const ofGlobal = 'of the shared cross-region load balancer';
    add('ComputeURLMap', g.urlMap, path, `URL map ${ofGlobal}`);
    if (shared.http) add('ComputeTargetHTTPProxy', g.proxy, path, `HTTP proxy ${ofGlobal}`);
    if (shared.https) add('ComputeTargetHTTPSProxy', g.httpsProxy, path, `HTTPS proxy ${ofGlobal}`);
    for (const f of cross.frontends) {
      const primary = f.region === model.region;
      add('ComputeAddress', inRegion(g.address, f.region, primary), path, `address ${ofGlobal} in ${f.region}`);
      if (shared.http)
        add(
          'ComputeForwardingRule',
          inRegion(g.forwardingRule, f.region, primary),
          path,
          `HTTP forwarding rule ${ofGlobal} in ${f.region}`,
        );
      if (shared.https) {
        add(
          'ComputeForwardingRule',
          inRegion(g.httpsForwardingRule, f.region, primary),
          path,
          `HTTPS forwarding rule ${ofGlobal} in ${f.region}`,
        );
      }
    }
  }
  if (!hasRegionalShared(shared)) return;
  const names = sharedLoadBalancerNames(shared.name, shared.https?.certificateVersion);
  const of = 'of the shared load balancer';
  add('ComputeURLMap', names.urlMap, path, `URL map ${of}`);
  if (shared.http) add('ComputeTargetHTTPProxy', names.proxy, path, `HTTP proxy ${of}`);
  if (shared.https) {
    add('ComputeTargetHTTPSProxy', names.httpsProxy, path, `HTTPS proxy ${of}`);
    if (shared.https.certificateSecret) add('ComputeSSLCertificate', names.certificate, path, `SSL certificate ${of}`);
  }
  add('ComputeAddress', names.address, path, `address ${of}`);
  if (shared.http) add('ComputeForwardingRule', names.forwardingRule, path, `HTTP forwarding rule ${of}`);
  if (shared.https) add('ComputeForwardingRule', names.httpsForwardingRule, path, `HTTPS forwarding rule ${of}`);
}

/** Accounts (one per account ID, however many services share it) and the grants to them. */
function identityNames(model: TopologyModel, add: Add): void {
  const account = (s: ServiceModel) => s.accountId ?? s.serviceAccount;
  for (const s of model.services) {
    if (s.accountId !== undefined) {
      const given = s.accountId !== derivedName.serviceAccount(s.name);
      add('IAMServiceAccount', s.accountId, `${s.path}.${given ? 'serviceAccount' : 'name'}`, `service account ${s.accountId}`);
      if (model.delivery.deployer !== undefined) {
        const grant = `roles/iam.serviceAccountUser on ${s.accountId} for the deployer`;
        add('IAMPolicyMember', grantName.deployerActAs(s.accountId), `${s.path}.${given ? 'serviceAccount' : 'name'}`, grant, grant, true);
      }
    }
    for (const [variable, ref] of Object.entries(s.secretEnv)) {
      const grant = `roles/secretmanager.secretAccessor on secret ${ref.secret} for ${account(s)}`;
      add('IAMPolicyMember', grantName.secretAccessor(ref.secret, account(s)), `${s.path}.secrets.${variable}.secret`, grant, grant, true);
    }
    (s.settings.volumes ?? []).forEach((v, i) => {
      if (!v.secret) return;
      const grant = `roles/secretmanager.secretAccessor on secret ${v.secret.secret} for ${account(s)}`;
      add(
        'IAMPolicyMember',
        grantName.secretAccessor(v.secret.secret, account(s)),
        `${s.path}.volumes[${i}].secret.secret`,
        grant,
        grant,
        true,
      );
    });
  }
  if (model.delivery.cloudRun !== 'config-connector') return;
  for (const callee of model.services) {
    for (const caller of model.callersByName.get(callee.name) ?? []) {
      // The same grant on each region's RunService, a later region's named after its object (`<name>-<region>`).
      for (const region of callee.regions) {
        const target = inRegion(callee.name, region, region === model.region);
        const grant = `roles/run.invoker on ${target} for ${account(caller)}`;
        add('IAMPolicyMember', grantName.invoker(target, account(caller)), `${caller.path}.calls`, grant, grant, true);
      }
    }
    // Grants to members outside the topology, and allUsers: the same on each region's RunService.
    const later = callee.regions.filter((r) => r !== model.region);
    const inEach = (name: string) => [
      ...(callee.regions.includes(model.region) ? [name] : []),
      ...later.map((r) => `${inRegion(callee.name, r, false)}${name.slice(callee.name.length)}`),
    ];
    for (const [member, name] of grantName.outsideInvokers(callee.name, callee.invokers)) {
      const grant = `roles/run.invoker on ${callee.name} for ${member}`;
      for (const n of inEach(name)) {
        add(
          'IAMPolicyMember',
          n,
          `${callee.path}.invokers`,
          n === name ? grant : `${grant} (${n})`,
          member.startsWith('serviceAccount:')
            ? `roles/run.invoker on ${n.split('.')[0]} for ${member.slice(15)}`
            : n === name
              ? grant
              : `${grant} (${n})`,
          true,
        );
      }
    }
    if (callee.public) {
      for (const n of inEach(grantName.publicInvoker(callee.name))) {
        const grant = `roles/run.invoker on ${n.split('.')[0]} for allUsers`;
        add('IAMPolicyMember', n, `${callee.path}.public`, grant, grant, true);
      }
    }
  }
}

/** Two different objects with one kind and name: the later entry and the first. */
export interface NameCollision {
  readonly first: EmittedName;
  readonly second: EmittedName;
}

/** Pairs of entries that would be two objects with one kind and name, in output order. */
export function nameCollisions(names: readonly EmittedName[]): NameCollision[] {
  const first = new Map<string, EmittedName>();
  const collisions: NameCollision[] = [];
  for (const n of names) {
    const key = `${n.kind}/${n.name}`;
    const seen = first.get(key);
    if (!seen) first.set(key, n);
    else if (seen.identity !== n.identity) collisions.push({ first: seen, second: n });
  }
  return collisions;
}
