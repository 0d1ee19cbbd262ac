import { parse } from 'yaml';
import { synthesizeTopology } from '../../src/synth';
import { expectValidCrds } from '../helpers/crd';
import { all, baseTopology, synth } from '../helpers/synth';

// Issue 11 item 6: the Knative invoker policy is authoritative for every service, so taking a caller or
// `public` away revokes the grant on the next apply; outside invokers are kept only when listed.
const policyOf = (t: any, service: string) => {
  const file = synth(t).files.find((f) => f.path === `cloud-run-iam/${service}.yaml`);
  expect(file).toBeDefined();
  return parse(file!.content);
};
const membersOf = (policy: any): string[] => policy.bindings.flatMap((b: any) => b.members);

describe('invoker policies', () => {
  test('removing the last caller writes an empty policy, which revokes the old grant', () => {
    const before = baseTopology();
    expect(membersOf(policyOf(before, 'server-service'))).toEqual(['serviceAccount:run-client-service@acme-prod.iam.gserviceaccount.com']);
    const after = baseTopology();
    delete after.services[0].calls;
    expect(policyOf(after, 'server-service')).toEqual({ bindings: [] });
  });

  test('a service that stops being public loses allUsers', () => {
    const t = baseTopology();
    t.services[1].ingress = 'all';
    t.services[1].public = true;
    expect(membersOf(policyOf(t, 'server-service'))).toContain('allUsers');
    delete t.services[1].public;
    expect(membersOf(policyOf(t, 'server-service'))).not.toContain('allUsers');
  });

  test('`invokers` adds outside members to the authoritative policy (Knative mode)', () => {
    const t = baseTopology();
    t.services[1].invokers = ['group:ops@acme.example', 'serviceAccount:cron@acme-batch.iam.gserviceaccount.com'];
    expect(membersOf(policyOf(t, 'server-service'))).toEqual([
      'group:ops@acme.example',
      'serviceAccount:cron@acme-batch.iam.gserviceaccount.com',
      'serviceAccount:run-client-service@acme-prod.iam.gserviceaccount.com',
    ]);
    t.services[0].invokers = ['user:alice@acme.example'];
    expect(membersOf(policyOf(t, 'client-service'))).toEqual(['user:alice@acme.example']);
  });

  test('`invokers` become IAMPolicyMembers on the RunService (Config Connector mode)', () => {
    const t = baseTopology();
    t.delivery = { cloudRun: 'config-connector' };
    t.services[0].invokers = ['group:ops@acme.example', 'user:a_b@acme.example', 'user:a-b@acme.example', 'group:ops@acme.example'];
    const { objects } = synth(t);
    expectValidCrds(objects);
    const grants = all(objects, 'IAMPolicyMember').filter((o) => o.spec.role === 'roles/run.invoker');
    const onClient = grants.filter((g) => g.spec.resourceRef.name === 'client-service');
    expect(onClient.map((g) => [g.metadata.name, g.spec.member])).toEqual([
      ['client-service.invoker-group.ops.acme.example', 'group:ops@acme.example'],
      ['client-service.invoker-user.a-b.acme.example', 'user:a_b@acme.example'],
      ['client-service.invoker-user.a-b.acme.example-2', 'user:a-b@acme.example'],
    ]);
    expect(onClient[0].spec.resourceRef.kind).toBe('RunService');
  });

  test.each([
    ['allUsers'],
    ['allAuthenticatedUsers'],
    ['ops@acme.example'],
    ['serviceaccount:x@acme.example'],
    ['group:ops'],
    ['domain:acme'],
  ])('a malformed member %s is a finding, not output', (member) => {
    const t = baseTopology();
    t.services[1].invokers = [member];
    const result = synthesizeTopology(t);
    expect(result.findings.some((f) => f.severity === 'error' && f.path.startsWith('services[1].invokers'))).toBe(true);
    expect(result.files).toEqual([]);
  });
});
