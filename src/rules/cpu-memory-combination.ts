import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { containersOf } from '../model/containers';
import { cpuOf, GIB, memoryOf, MIB } from '../model/quantities';

/** Memory above each bound needs at least this many vCPUs. https://cloud.google.com/run/docs/configuring/services/memory-limits */
const MIN_CPU_FOR_MEMORY: ReadonlyArray<readonly [number, number]> = [
  [24 * GIB, 8],
  [16 * GIB, 6],
  [8 * GIB, 4],
  [4 * GIB, 2],
  [1 * GIB, 1],
  [512 * MIB, 0.5],
];

/** These vCPU counts need at least this much memory. https://cloud.google.com/run/docs/configuring/services/cpu */
const MIN_MEMORY_FOR_CPU: Readonly<Record<number, number>> = { 4: 2 * GIB, 6: 4 * GIB, 8: 4 * GIB };

const WHOLE_CPUS = new Set([1, 2, 4, 6, 8]);

function show(bytes: number): string {
  return bytes % GIB === 0 ? `${bytes / GIB}Gi` : `${Math.round(bytes / MIB)}Mi`;
}

/**
 * The CPU and memory of each container are a combination Cloud Run accepts: CPU 0.08-1 or 1, 2, 4, 6, 8 vCPUs;
 * memory at most 32 GiB (at least 512 MiB per instance on the second generation environment); memory above 512 MiB, 1, 4, 8, 16
 * and 24 GiB needs 0.5, 1, 2, 4, 6 and 8 vCPUs; 4 vCPUs need 2 GiB and 6 or 8 need 4 GiB.
 * @see https://cloud.google.com/run/docs/configuring/services/cpu
 * @see https://cloud.google.com/run/docs/configuring/services/memory-limits
 */
export const cpuMemoryCombination = defineRule({
  id: 'cpu-memory-combination',
  severity: 'error',
  summary: 'Each container asks for a CPU and memory combination Cloud Run accepts.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      // The second generation environment's minimum is the instance's: the containers' memory together.
      const total = containersOf(s).reduce((sum, c) => sum + (memoryOf(c.settings.resources?.memory) ?? 0), 0);
      if (s.settings.executionEnvironment === 'gen2' && total < 512 * MIB) {
        problems.push({
          path: `${s.path}.resources.memory`,
          message: `the containers of ${quoted(s.name)} have ${show(total)} of memory together, below the 512Mi the second generation execution environment needs`,
          fix: `raise ${s.path}.resources.memory, or set ${s.path}.executionEnvironment to gen1`,
        });
      }
      for (const c of containersOf(s)) {
        const path = `${c.path}.resources`;
        const cpu = cpuOf(c.settings.resources?.cpu);
        const memory = memoryOf(c.settings.resources?.memory);
        if (cpu === undefined || memory === undefined) continue;
        const cpuText = JSON.stringify(c.settings.resources?.cpu ?? '1');
        const memText = JSON.stringify(c.settings.resources?.memory ?? '512Mi');
        if (cpu < 0.08 || cpu > 8 || (cpu > 1 && !WHOLE_CPUS.has(cpu))) {
          problems.push({
            path: `${path}.cpu`,
            message: `cpu ${cpuText} is no CPU limit Cloud Run accepts: 0.08 to 1 vCPU, or 1, 2, 4, 6 or 8`,
            fix: `set ${path}.cpu to a value from 0.08 to 1, or to 1, 2, 4, 6 or 8`,
          });
          continue;
        }
        if (memory > 32 * GIB) {
          problems.push({
            path: `${path}.memory`,
            message: `memory ${memText} is above Cloud Run's 32Gi`,
            fix: `set ${path}.memory to 32Gi or less`,
          });
          continue;
        }
        const needed = MIN_CPU_FOR_MEMORY.find(([above]) => memory > above);
        if (needed && cpu < needed[1]) {
          problems.push({
            path: `${path}.cpu`,
            message: `memory ${memText} needs at least ${needed[1]} vCPU (more than ${show(needed[0])}), and cpu is ${cpuText}`,
            fix: `set ${path}.cpu to ${quoted(needed[1])} or more, or lower ${path}.memory to ${show(needed[0])}`,
          });
        }
        const minMemory = MIN_MEMORY_FOR_CPU[cpu];
        if (minMemory !== undefined && memory < minMemory) {
          problems.push({
            path: `${path}.memory`,
            message: `cpu ${cpuText} needs at least ${show(minMemory)} of memory, and memory is ${memText}`,
            fix: `set ${path}.memory to ${show(minMemory)} or more, or lower ${path}.cpu`,
          });
        }
      }
    }
    return problems;
  },
});
