import { fractionalCpuRequirements } from '../../src/rules/fractional-cpu-requirements';
import { describeRule } from '../helpers/rule-cases';

describeRule(fractionalCpuRequirements, {
  valid: [
    { name: '1 vCPU with concurrency 80', mutate: (t) => Object.assign(t.services[1], { resources: { cpu: '1' }, concurrency: 80 }) },
    { name: '500m with concurrency 1', mutate: (t) => Object.assign(t.services[1], { resources: { cpu: '500m' }, concurrency: 1 }) },
    {
      name: '2 vCPU, always allocated',
      mutate: (t) => Object.assign(t.services[1], { resources: { cpu: '2' }, cpu: { alwaysAllocated: true } }),
    },
  ],
  invalid: [
    {
      name: '500m with concurrency 10',
      mutate: (t) => Object.assign(t.services[1], { resources: { cpu: '500m' }, concurrency: 10 }),
      path: 'services[1].concurrency',
      message: /concurrency is 10/,
    },
    {
      name: '0.25 vCPU without concurrency (80 by default)',
      mutate: (t) => Object.assign(t.services[1], { resources: { cpu: '0.25' } }),
      path: 'services[1].concurrency',
      message: /80 by default/,
    },
    {
      name: '500m, always allocated',
      mutate: (t) => Object.assign(t.services[1], { resources: { cpu: '500m' }, concurrency: 1, cpu: { alwaysAllocated: true } }),
      path: 'services[1].cpu.alwaysAllocated',
    },
  ],
});
