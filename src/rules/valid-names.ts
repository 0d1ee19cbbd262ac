import {
  derivedName,
  inRegion,
  kubernetesNameProblem,
  NameKind,
  nameProblem,
  NAME_RULES,
  serviceAccountEmailProblem,
  sharedLoadBalancerNames,
} from '../names';
import { emittedNames } from '../model/emitted-names';
import { connectivityTestPlans } from '../model/paths';
import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { hasRegionalShared, TopologyModel } from '../model/model';

/**
 * What is wrong with a DNS domain, or undefined: labels of 1-63 letters, digits and hyphens (not at either
 * end), at least two labels, 253 characters in all.
 * @see https://www.rfc-editor.org/rfc/rfc1035#section-2.3.1
 */
function domainProblem(domain: string): string | undefined {
  const labels = domain.split('.');
  if (domain.length > 253 || labels.length < 2 || !labels.every((l) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(l))) {
    return `${JSON.stringify(domain)} is not a DNS domain (dot-separated labels of letters, digits and inner hyphens, such as internal.acme.example)`;
  }
  if (domain === 'run.app' || domain.endsWith('.run.app') || domain === 'googleapis.com' || domain.endsWith('.googleapis.com')) {
    return `${JSON.stringify(domain)} is a Google domain: a private zone for it would hide the real names (use dns.runApp for run.app)`;
  }
  return undefined;
}

/**
 * Every name runnel emits, given or derived, against GCP's rule for its kind.
 * @see https://cloud.google.com/compute/docs/naming-resources#resource-name-format
 * @see https://cloud.google.com/run/docs/reference/rest/v1/ObjectMeta
 * @see https://cloud.google.com/vpc/docs/reference/vpcaccess/rest/v1/projects.locations.connectors/create
 */
export const validNames = defineRule({
  id: 'valid-names',
  severity: 'error',
  summary: 'Every GCP name, given or derived, follows the naming rule of its resource kind.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    const check = (kind: NameKind, name: string, path: string, fix: string) => {
      const problem = nameProblem(kind, name);
      if (problem) problems.push({ path, message: problem, fix });
    };
    const derivedFix = (field: string) => `set \`${field}\` explicitly to a valid name, or shorten network.name`;

    check('project', model.project, 'project', 'use the project ID (not its display name), e.g. acme-prod');
    // `regions` entries are regions-valid's (named by their own path there); the one-region shorthand is checked here.
    if (model.spec.regions === undefined) check('region', model.region, 'region', 'use a region name such as asia-northeast1');
    check('network', model.network.name, 'network.name', 'rename the network');
    for (const r of model.regions) {
      // A later region's derived names end in `-<region>`: each is checked as it will be written.
      const base = r.primary ? 'network.subnets' : `network.regions.${r.name}.subnets`;
      for (const subnet of Object.values(r.subnets).filter((s) => s.needed)) {
        const fix = subnet.nameDerived ? derivedFix(`${base}.${subnet.role}.name`) : 'rename the subnet';
        check('subnet', subnet.name, subnet.namePath, fix);
      }
      if (model.connector.needed && r.subnets.connector.needed) {
        const fix = model.connector.nameDerived
          ? `${derivedFix('network.connector.name')} (a connector name has at most ${NAME_RULES.connector.maxLength} characters${r.primary ? '' : `, with -${r.name} in ${r.name}`})`
          : `rename the connector to at most ${NAME_RULES.connector.maxLength - (r.primary ? 0 : r.name.length + 1)} characters`;
        check('connector', r.connectorName, model.connector.namePath, fix);
      }
      if (r.natSubnets.length > 0) {
        check('router', r.routerName, model.nat.routerNamePath, derivedFix('network.nat.routerName'));
        check('routerNat', r.natName, model.nat.namePath, derivedFix('network.nat.name'));
      }
    }
    for (const s of model.services) {
      const before = problems.length;
      check('cloudRunService', s.name, `${s.path}.name`, 'rename the service');
      if (problems.length > before) continue;
      if (!s.accountId) {
        const problem = serviceAccountEmailProblem(s.serviceAccount);
        if (problem) {
          problems.push({
            path: `${s.path}.serviceAccount`,
            message: problem,
            fix: 'write the email of an existing account, e.g. api-runner@acme-prod.iam.gserviceaccount.com, or an account ID of 6-30 characters for runnel to create',
          });
        }
      }
      if (s.accountId) {
        const given = s.accountId !== derivedName.serviceAccount(s.name);
        check(
          'serviceAccount',
          s.accountId,
          given ? `${s.path}.serviceAccount` : `${s.path}.name`,
          given
            ? 'use an account ID of 6-30 characters, or the email of an existing account'
            : `set ${s.path}.serviceAccount to an account ID of 6-30 characters (runnel creates it) or the email of an existing account`,
        );
      }
      for (const [name, ref] of Object.entries(s.secretEnv))
        check('secret', ref.secret, `${s.path}.secrets.${name}.secret`, 'use the secret ID, not its path');
      if (!s.loadBalancer) continue;
      const lbNames: Array<[NameKind, string]> = [
        ['neg', derivedName.neg(s.name)],
        ['backendService', derivedName.backendService(s.name)],
      ];
      if (s.loadBalancer.crossRegion) {
        // One NEG, address and forwarding rule per region, the later regions' with `-<region>`.
        for (const f of s.loadBalancer.frontends) {
          const primary = f.region === model.region;
          lbNames.push(['neg', inRegion(derivedName.neg(s.name), f.region, primary)]);
          // Behind the shared cross-region load balancer, its addresses and rules are the shared one's (checked below).
          if (s.loadBalancer.shared) continue;
          lbNames.push(
            ['address', inRegion(derivedName.address(s.name), f.region, primary)],
            ...(s.loadBalancer.http
              ? [['forwardingRule', inRegion(derivedName.forwardingRule(s.name), f.region, primary)] as [NameKind, string]]
              : []),
            ...(s.loadBalancer.https
              ? [['forwardingRule', inRegion(derivedName.httpsForwardingRule(s.name), f.region, primary)] as [NameKind, string]]
              : []),
          );
        }
      }
      // Behind the shared load balancer a service has only its NEG and backend service; the rest is checked below.
      if (s.loadBalancer.shared) {
        for (const [kind, name] of lbNames) check(kind, name, `${s.path}.name`, 'shorten the service name');
        continue;
      }
      lbNames.push(
        ['urlMap', derivedName.urlMap(s.name)],
        ['targetProxy', derivedName.targetProxy(s.name)],
        ['address', derivedName.address(s.name)],
        ['forwardingRule', derivedName.forwardingRule(s.name)],
      );
      if (s.loadBalancer.https) {
        lbNames.push(['targetProxy', derivedName.httpsProxy(s.name)], ['forwardingRule', derivedName.httpsForwardingRule(s.name)]);
        if (s.loadBalancer.https.certificateSecret) {
          lbNames.push(['sslCertificate', derivedName.sslCertificate(s.name, s.loadBalancer.https.certificateVersion)]);
        }
      }
      for (const [kind, name] of lbNames) check(kind, name, `${s.path}.name`, 'shorten the service name');
    }
    for (const b of model.backends) {
      // Every backend name is a variable stem (`orders-db` → ORDERS_DB_HOST): a space or a dot would make an invalid variable.
      const before = problems.length;
      check('backend', b.name, `${b.path}.name`, 'rename the backend: lowercase letters, digits and hyphens, e.g. orders-db');
      if (b.redis && problems.length === before) check('redisInstance', b.name, `${b.path}.name`, 'rename the backend');
    }
    if (model.namespace !== undefined)
      check('kubernetesNamespace', model.namespace, 'namespace', 'use a namespace name such as config-connector or run-infra');
    const argo = model.delivery.argocd;
    if (argo) {
      const given = model.spec.delivery?.argocd?.name !== undefined;
      check(
        'kubernetesObject',
        argo.name,
        given ? 'delivery.argocd.name' : 'network.name',
        given ? 'rename the Application, e.g. run-topology' : derivedFix('delivery.argocd.name'),
      );
      check('kubernetesNamespace', argo.namespace, 'delivery.argocd.namespace', 'use the namespace Argo CD runs in, e.g. argocd');
      check('kubernetesObject', argo.project, 'delivery.argocd.project', 'use the name of an Argo CD AppProject, e.g. default');
    }
    const shared = model.loadBalancing.shared;
    if (shared?.crossRegion) {
      // The shared cross-region load balancer's names (`<name>-global-*`, a later region's with `-<region>`).
      const g = sharedLoadBalancerNames(shared.crossRegion.name);
      const fix = shared.namePath === 'loadBalancing.name' ? 'shorten loadBalancing.name' : derivedFix('loadBalancing.name');
      check('urlMap', g.urlMap, shared.namePath, fix);
      if (shared.http) check('targetProxy', g.proxy, shared.namePath, fix);
      if (shared.https) check('targetProxy', g.httpsProxy, shared.namePath, fix);
      for (const f of shared.crossRegion.frontends) {
        const primary = f.region === model.region;
        check('address', inRegion(g.address, f.region, primary), shared.namePath, fix);
        if (shared.http) check('forwardingRule', inRegion(g.forwardingRule, f.region, primary), shared.namePath, fix);
        if (shared.https) check('forwardingRule', inRegion(g.httpsForwardingRule, f.region, primary), shared.namePath, fix);
      }
    }
    if (shared && hasRegionalShared(shared)) {
      const names = sharedLoadBalancerNames(shared.name, shared.https?.certificateVersion);
      const fix = shared.namePath === 'loadBalancing.name' ? 'shorten loadBalancing.name' : derivedFix('loadBalancing.name');
      const lbNames: Array<[NameKind, string]> = [
        ['urlMap', names.urlMap],
        ['address', names.address],
        ...(shared.http
          ? ([
              ['targetProxy', names.proxy],
              ['forwardingRule', names.forwardingRule],
            ] as Array<[NameKind, string]>)
          : []),
        ...(shared.https
          ? ([
              ['targetProxy', names.httpsProxy],
              ['forwardingRule', names.httpsForwardingRule],
            ] as Array<[NameKind, string]>)
          : []),
        ...(shared.https?.certificateSecret ? ([['sslCertificate', names.certificate]] as Array<[NameKind, string]>) : []),
      ];
      for (const [kind, name] of lbNames) check(kind, name, shared.namePath, fix);
    }
    for (const secret of model.secrets) check('secret', secret.name, `${secret.path}.name`, 'rename the secret');
    const psa = model.privateServiceAccess;
    if (psa.needed)
      check('address', psa.name, psa.namePath, psa.nameDerived ? derivedFix('network.privateServiceAccess.name') : 'rename the range');
    if (model.dns) {
      const dns = model.dns;
      if (dns.runAppZoneName) check('dnsZone', dns.runAppZoneName, 'network.name', 'shorten network.name');
      if (dns.domain !== undefined) {
        check('dnsZone', dns.zoneName, dns.zoneNamePath, dns.zoneNameDerived ? derivedFix('dns.zoneName') : 'rename the zone');
        const problem = domainProblem(dns.domain);
        if (problem)
          problems.push({
            path: dns.domainPath,
            message: problem,
            fix: 'use a domain you control inside your organisation, e.g. internal.acme.example',
          });
      }
    }
    if (model.psc) {
      check('pscEndpoint', model.psc.name, model.psc.namePath, 'use 1-20 lowercase letters and digits, e.g. allapis');
      check('dnsZone', model.psc.zoneName, 'network.name', 'shorten network.name');
    }
    for (const t of connectivityTestPlans(model)) {
      check(
        'connectivityTest',
        t.name,
        t.declaredAt,
        `shorten ${quoted(t.from)} or ${quoted(t.to)} (a Connectivity Test is named <caller>-to-<callee>, at most ${NAME_RULES.connectivityTest.maxLength} characters), or remove delivery.connectivityTests`,
      );
    }
    // Names that are Kubernetes names only (grants, record sets): at most 253 characters of a DNS subdomain.
    for (const n of emittedNames(model).filter((x) => x.kubernetesOnly)) {
      const problem = kubernetesNameProblem(n.name);
      if (problem) problems.push({ path: n.path, message: `${problem} (${n.what})`, fix: `shorten the names it is made of (${n.path})` });
    }
    return problems;
  },
});
