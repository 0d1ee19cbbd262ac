import { parse } from 'yaml';
import { validateTopology } from '../../src/validate/engine';
import { baseTopology } from '../helpers/synth';

const findings = (environments: string) =>
  validateTopology({ ...baseTopology(), environments: parse(environments) }).findings.filter(
    (f) => f.ruleId === 'environment-names-unique',
  );

describe('environment-names-unique', () => {
  test.each([
    ['projects of their own', '{dev: {project: acme-dev}, prod: {project: acme-prod}}'],
    [
      'two environments sharing a namespace name in different projects',
      '{dev: {project: acme-dev, namespace: run}, prod: {project: acme-prod, namespace: run}}',
    ],
  ])('valid: %s', (_name, environments) => {
    expect(findings(environments)).toEqual([]);
  });

  test.each([
    [
      'two environments in one project with the same network',
      '{dev: {project: acme-shared, namespace: dev}, qa: {project: acme-shared, namespace: qa}}',
      /^network\.name$/,
    ],
    [
      'the same service in one project',
      '{dev: {project: acme-shared, namespace: dev}, qa: {project: acme-shared, namespace: qa}}',
      /^services\[0\]\.name$/,
    ],
  ])('invalid: %s', (_name, environments, path) => {
    const found = findings(environments);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((f) => f.path)).toContainEqual(expect.stringMatching(path));
    for (const f of found) {
      expect(f.severity).toBe('error');
      expect(f.message).toMatch(/environment qa .* environment dev, in the same project "acme-shared"/);
      expect(f.fix).toMatch(/project of its own/);
    }
  });
});
