import { nameProblem } from '../names';
import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * The topology names its regions once: `region` (one region) or `regions` (several, the first one first), never both
 * and never neither; each region once and by its GCP name; and `network.regions` configures only regions after the
 * first (the first region's subnets are `network.subnets`).
 * @see https://cloud.google.com/compute/docs/regions-zones
 */
export const regionsValid = defineRule({
  id: 'regions-valid',
  severity: 'error',
  summary: 'Exactly one of region and regions, each region once and by its name; network.regions names only later regions.',
  check(model: TopologyModel): Problem[] {
    const spec = model.spec;
    const problems: Problem[] = [];
    if (spec.region !== undefined && spec.regions !== undefined) {
      problems.push({
        path: 'regions',
        message: `both region ${quoted(spec.region)} and regions are set`,
        fix: 'keep one: region for one region, or regions with every region (the first one first) and remove region',
      });
    }
    if (spec.region === undefined && (spec.regions === undefined || spec.regions.length === 0)) {
      problems.push({ path: 'region', message: 'the topology names no region', fix: 'set region, e.g. region: asia-northeast1' });
    }
    const seen = new Set<string>();
    (spec.regions ?? []).forEach((r, i) => {
      const problem = nameProblem('region', r);
      if (problem) problems.push({ path: `regions[${i}]`, message: problem, fix: 'use a region name such as europe-west1' });
      else if (seen.has(r))
        problems.push({ path: `regions[${i}]`, message: `region ${quoted(r)} is listed twice`, fix: `remove regions[${i}]` });
      seen.add(r);
    });
    const later = new Set(model.regions.filter((r) => !r.primary).map((r) => r.name));
    for (const name of Object.keys(spec.network.regions ?? {})) {
      if (later.has(name)) continue;
      const first = name === model.region;
      problems.push({
        path: `network.regions.${name}`,
        message: first
          ? `${quoted(name)} is the first region, whose subnets are network.subnets`
          : `${quoted(name)} is not one of the topology's regions`,
        fix: first
          ? `move network.regions.${name}.subnets to network.subnets`
          : `add ${quoted(name)} to regions, or remove network.regions.${name}`,
      });
    }
    return problems;
  },
});
