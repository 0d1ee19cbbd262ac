import { derivedName, NameKind, nameProblem, NAME_RULES } from '../names';
import { Problem } from '../validation/finding';
import { defineRule } from '../validation/rule';
import { TopologyModel } from '../topology/model';

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
    check('region', model.region, 'region', 'use a region name such as asia-northeast1');
    check('network', model.network.name, 'network.name', 'rename the network');
    for (const subnet of Object.values(model.subnets).filter((s) => s.needed)) {
      const fix = subnet.nameDerived ? derivedFix(`network.subnets.${subnet.role}.name`) : 'rename the subnet';
      check('subnet', subnet.name, subnet.namePath, fix);
    }
    if (model.connector.needed) {
      const fix = model.connector.nameDerived
        ? `${derivedFix('network.connector.name')} (a connector name has at most ${NAME_RULES.connector.maxLength} characters)`
        : `rename the connector to at most ${NAME_RULES.connector.maxLength} characters`;
      check('connector', model.connector.name, model.connector.namePath, fix);
    }
    if (model.nat.subnets.length > 0) {
      check('router', model.nat.routerName, model.nat.routerNamePath, derivedFix('network.nat.routerName'));
      check('routerNat', model.nat.name, model.nat.namePath, derivedFix('network.nat.name'));
    }
    for (const s of model.services) {
      const before = problems.length;
      check('cloudRunService', s.name, `${s.path}.name`, 'rename the service');
      if (problems.length > before || !s.loadBalancer) continue;
      const lbNames: Array<[NameKind, string]> = [
        ['neg', derivedName.neg(s.name)],
        ['backendService', derivedName.backendService(s.name)],
        ['urlMap', derivedName.urlMap(s.name)],
        ['targetProxy', derivedName.targetProxy(s.name)],
        ['address', derivedName.address(s.name)],
        ['forwardingRule', derivedName.forwardingRule(s.name)],
      ];
      for (const [kind, name] of lbNames) check(kind, name, `${s.path}.name`, 'shorten the service name');
    }
    return problems;
  },
});
