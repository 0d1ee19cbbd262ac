import { parse } from 'yaml';
import { validateTopology } from '../../src/validate/engine';
import { baseTopology } from '../helpers/synth';

const findings = (environments: string) =>
  validateTopology({ ...baseTopology(), environments: parse(environments) }).findings.filter(
    (f) => f.ruleId === 'environment-ranges-must-not-overlap',
  );

describe('environment-ranges-must-not-overlap', () => {
  test.each([
    ['separate projects, not peered: the same ranges are fine', '{dev: {project: acme-dev}, prod: {project: acme-prod}}'],
    [
      'peered with ranges of their own',
      `
dev: {project: acme-dev}
prod: {project: acme-prod, peeredWith: [dev], network: {subnets: {workload: {cidr: 10.20.0.0/24}, directVpc: {cidr: 10.20.4.0/22}, proxyOnly: {cidr: 10.20.10.0/23}}}}`,
    ],
  ])('valid: %s', (_name, environments) => {
    expect(findings(environments)).toEqual([]);
  });

  test.each([
    [
      'peered with the default ranges',
      '{dev: {project: acme-dev}, prod: {project: acme-prod, peeredWith: [dev]}}',
      'network.subnets.workload.cidr',
      /is peered with/,
    ],
    [
      'peering declared on the other side, a range written in the override overlapping',
      '{dev: {project: acme-dev, peeredWith: [prod]}, prod: {project: acme-prod, network: {subnets: {workload: {cidr: 10.10.0.128/25}}}}}',
      'environments.prod.network.subnets.workload.cidr',
      /10\.10\.0\.128\/25 \(workload\) of environment prod overlaps 10\.10\.0\.0\/24/,
    ],
    [
      'one shared network in one project',
      '{dev: {project: acme-shared, namespace: dev, network: {subnets: {directVpc: {cidr: 10.10.4.0/23}}}}, qa: {project: acme-shared, namespace: qa}}',
      'network.subnets.workload.cidr',
      /shares the network "run-vpc"/,
    ],
  ])('invalid: %s', (_name, environments, path, message) => {
    const found = findings(environments);
    expect(found.map((f) => f.path)).toContain(path);
    const f = found.find((x) => x.path === path)!;
    expect(f.severity).toBe('error');
    expect(f.environment).toBe(environments.includes('qa') ? 'qa' : 'prod');
    expect(f.message).toMatch(message);
    expect(f.fix).toMatch(/a range that no range of/);
  });
});
