import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Names that must be unique: services (one Cloud Run service per name and region), subnets (one per name
 * and region in a project), backends (one Redis instance per ID and region, one set of variables per name) and
 * the secrets runnel creates.
 * @see https://cloud.google.com/compute/docs/naming-resources
 */
export const uniqueNames = defineRule({
  id: 'unique-names',
  severity: 'error',
  summary: 'Services, subnets, backends and secrets have unique names.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    const firstService = new Map<string, string>();
    for (const s of model.services) {
      const first = firstService.get(s.name);
      if (first) {
        problems.push({
          path: `${s.path}.name`,
          message: `service ${quoted(s.name)} is already declared at ${first}`,
          fix: 'rename one of the two services or remove the duplicate',
        });
      } else firstService.set(s.name, s.path);
    }
    const firstSubnet = new Map<string, string>();
    for (const subnet of Object.values(model.subnets).filter((x) => x.needed)) {
      const first = firstSubnet.get(subnet.name);
      if (first) {
        problems.push({
          path: subnet.namePath === 'network.name' ? `network.subnets.${subnet.role}.name` : subnet.namePath,
          message: `subnet name ${quoted(subnet.name)} is also used by network.subnets.${first}`,
          fix: `give network.subnets.${subnet.role} its own name`,
        });
      } else firstSubnet.set(subnet.name, subnet.role);
    }
    const firstBackend = new Map<string, string>();
    for (const b of model.backends) {
      const first = firstBackend.get(b.name);
      if (first)
        problems.push({
          path: `${b.path}.name`,
          message: `backend ${quoted(b.name)} is already declared at ${first}`,
          fix: 'rename one of the two backends or remove the duplicate',
        });
      else firstBackend.set(b.name, b.path);
    }
    const firstSecret = new Map<string, string>();
    for (const secret of model.secrets) {
      const first = firstSecret.get(secret.name);
      if (first)
        problems.push({
          path: `${secret.path}.name`,
          message: `secret ${quoted(secret.name)} is already declared at ${first}`,
          fix: 'remove the duplicate',
        });
      else firstSecret.set(secret.name, secret.path);
    }
    return problems;
  },
});
