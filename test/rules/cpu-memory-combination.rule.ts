import { cpuMemoryCombination } from '../../src/rules/cpu-memory-combination';
import { describeRule } from '../helpers/rule-cases';

describeRule(cpuMemoryCombination, {
  valid: [
    { name: 'no limits (1 vCPU, 512Mi by default)', mutate: () => {} },
    { name: '2 vCPU with 8Gi', mutate: (t) => (t.services[1].resources = { cpu: '2', memory: '8Gi' }) },
    { name: '8 vCPU with 32Gi', mutate: (t) => (t.services[1].resources = { cpu: '8', memory: '32Gi' }) },
    { name: '1 vCPU in millicores with 4Gi', mutate: (t) => (t.services[1].resources = { cpu: '1000m', memory: '4Gi' }) },
    { name: '0.5 vCPU with 1Gi', mutate: (t) => (t.services[1].resources = { cpu: '0.5', memory: '1Gi' }) },
    {
      name: 'a sidecar with 500m and 256Mi',
      mutate: (t) => (t.services[1].sidecars = [{ name: 'otel', image: 'o:1', resources: { cpu: '500m', memory: '256Mi' } }]),
    },
  ],
  invalid: [
    {
      name: '8Gi on 1 vCPU',
      mutate: (t) => (t.services[1].resources = { cpu: '1', memory: '8Gi' }),
      path: 'services[1].resources.cpu',
      message: /at least 2 vCPU/,
    },
    {
      name: '16Gi on 2 vCPU by default memory rule',
      mutate: (t) => (t.services[1].resources = { cpu: '2', memory: '16Gi' }),
      path: 'services[1].resources.cpu',
      message: /at least 4 vCPU/,
    },
    {
      name: '4 vCPU with 1Gi',
      mutate: (t) => (t.services[1].resources = { cpu: '4', memory: '1Gi' }),
      path: 'services[1].resources.memory',
      message: /at least 2Gi/,
    },
    { name: '3 vCPU', mutate: (t) => (t.services[1].resources = { cpu: '3' }), path: 'services[1].resources.cpu', message: /"3"/ },
    { name: '1.5 vCPU', mutate: (t) => (t.services[1].resources = { cpu: '1.5' }), path: 'services[1].resources.cpu' },
    { name: '50m', mutate: (t) => (t.services[1].resources = { cpu: '50m' }), path: 'services[1].resources.cpu' },
    {
      name: '64Gi',
      mutate: (t) => (t.services[1].resources = { cpu: '8', memory: '64Gi' }),
      path: 'services[1].resources.memory',
      message: /32Gi/,
    },
    {
      name: '2Gi on 0.5 vCPU',
      mutate: (t) => (t.services[1].resources = { cpu: '500m', memory: '2Gi' }),
      path: 'services[1].resources.cpu',
      message: /at least 1 vCPU/,
    },
    {
      name: '256Mi on gen2',
      mutate: (t) => {
        t.services[1].resources = { memory: '256Mi' };
        t.services[1].executionEnvironment = 'gen2';
      },
      path: 'services[1].resources.memory',
      message: /512Mi/,
    },
    {
      name: 'a sidecar with 8Gi on its default 1 vCPU',
      mutate: (t) => (t.services[1].sidecars = [{ name: 'otel', image: 'o:1', resources: { memory: '8Gi' } }]),
      path: 'services[1].sidecars[0].resources.cpu',
    },
  ],
});
