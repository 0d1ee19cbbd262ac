import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { cpuOf } from '../model/quantities';

/**
 * A service whose ingress container has less than 1 vCPU takes one request at a time and has CPU only during
 * requests: Cloud Run refuses concurrency above 1 (its default is 80, so it must be written) and instance-based
 * billing (CPU always allocated) below 1 vCPU.
 * @see https://cloud.google.com/run/docs/configuring/services/cpu (If you use less than 1 vCPU)
 */
export const fractionalCpuRequirements = defineRule({
  id: 'fractional-cpu-requirements',
  severity: 'error',
  summary: 'A service with less than 1 vCPU sets concurrency 1 and leaves CPU allocated only during requests.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      const cpu = cpuOf(s.settings.resources?.cpu);
      if (cpu === undefined || cpu >= 1) continue;
      const cpuText = JSON.stringify(s.settings.resources!.cpu);
      if (s.settings.concurrency !== 1) {
        problems.push({
          path: `${s.path}.concurrency`,
          message: `cpu ${cpuText} is below 1 vCPU, which Cloud Run allows only with concurrency 1, and concurrency is ${s.settings.concurrency ?? 'unset (80 by default)'}`,
          fix: `set ${s.path}.concurrency: 1, or ${s.path}.resources.cpu to "1" or more`,
        });
      }
      if (s.settings.cpu?.alwaysAllocated === true) {
        problems.push({
          path: `${s.path}.cpu.alwaysAllocated`,
          message: `cpu ${cpuText} is below 1 vCPU, which Cloud Run allows only with CPU allocated during requests, and cpu.alwaysAllocated is true`,
          fix: `remove ${s.path}.cpu.alwaysAllocated, or set ${s.path}.resources.cpu to "1" or more`,
        });
      }
    }
    return problems;
  },
});
