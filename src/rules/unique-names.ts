import { Problem } from '../validation/finding';
import { defineRule } from '../validation/rule';
import { TopologyModel } from '../topology/model';

/**
 * Names that must be unique: services (one Cloud Run service per name and region) and subnets (one per name
 * and region in a project), and the variables runnel injects.
 * @see https://cloud.google.com/compute/docs/naming-resources
 */
export const uniqueNames = defineRule({
  id: 'unique-names',
  severity: 'error',
  summary: 'Services and subnets have unique names.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    const firstService = new Map<string, string>();
    for (const s of model.services) {
      const first = firstService.get(s.name);
      if (first) {
        problems.push({ path: `${s.path}.name`, message: `service "${s.name}" is already declared at ${first}`, fix: 'rename one of the two services or remove the duplicate' });
      } else firstService.set(s.name, s.path);
    }
    const firstSubnet = new Map<string, string>();
    for (const subnet of Object.values(model.subnets).filter((x) => x.needed)) {
      const first = firstSubnet.get(subnet.name);
      if (first) {
        problems.push({ path: subnet.namePath === 'network.name' ? `network.subnets.${subnet.role}.name` : subnet.namePath, message: `subnet name "${subnet.name}" is also used by network.subnets.${first}`, fix: `give network.subnets.${subnet.role} its own name` });
      } else firstSubnet.set(subnet.name, subnet.role);
    }
    return problems;
  },
});
