import { secretObjectName } from '../../src/names';
import { expectValidCrds } from '../helpers/crd';
import { all, baseTopology, find, synth } from '../helpers/synth';

describe('Secret Manager IDs that are not Kubernetes names', () => {
  test.each([
    ['db-password', 'db-password'],
    ['DB_PASSWORD', 'db-password'],
    ['_leading_and_trailing_', 'leading-and-trailing'],
    ['Stripe-API-Key', 'stripe-api-key'],
    ['___', 'secret'],
  ])('%s is the object %s', (id, name) => {
    expect(secretObjectName(id)).toBe(name);
  });

  test('a 255-character ID is cut to the 253 characters of a Kubernetes name', () => {
    const id = `a${'B'.repeat(254)}`;
    expect(secretObjectName(id)).toHaveLength(253);
    expect(secretObjectName(id)).toMatch(/^[a-z0-9-]+$/);
  });

  test.each(['knative', 'config-connector'] as const)(
    '%s: the real ID in spec.resourceID, references by object name, valid against the CRDs',
    (cloudRun) => {
      const t = baseTopology();
      t.delivery = { cloudRun };
      t.secrets = [{ name: 'DB_PASSWORD' }, { name: 'plain-secret' }];
      t.services[0].secrets = { DB_PASSWORD: { secret: 'DB_PASSWORD' }, PLAIN: { secret: 'plain-secret' } };
      const { objects } = synth(t);
      expectValidCrds(objects);
      const secret = find(objects, 'SecretManagerSecret', 'db-password');
      expect(secret.spec.resourceID).toBe('DB_PASSWORD');
      // A valid Kubernetes name stays the ID, with no resourceID.
      expect(find(objects, 'SecretManagerSecret', 'plain-secret').spec.resourceID).toBeUndefined();
      const grants = all(objects, 'IAMPolicyMember').filter((g) => g.spec.role === 'roles/secretmanager.secretAccessor');
      expect(grants.map((g) => [g.metadata.name, g.spec.resourceRef.name]).sort()).toEqual([
        ['db-password.secret-accessor.run-client-service', 'db-password'],
        ['plain-secret.secret-accessor.run-client-service', 'plain-secret'],
      ]);
      const env =
        cloudRun === 'knative'
          ? find(objects, 'Service', 'client-service').spec.template.spec.containers[0].env
          : find(objects, 'RunService', 'client-service').spec.template.containers[0].env;
      const ref = env.find((e: any) => e.name === 'DB_PASSWORD').valueSource ?? env.find((e: any) => e.name === 'DB_PASSWORD').valueFrom;
      // Knative (Cloud Run's own YAML) names the secret by its ID; Config Connector by the object.
      if (cloudRun === 'knative') expect(ref.secretKeyRef.name).toBe('DB_PASSWORD');
      else expect(ref.secretKeyRef.secretRef).toEqual({ name: 'db-password' });
    },
  );
});
