import { parse } from 'yaml';
import { expectValidCrds } from '../helpers/crd';
import { baseTopology, find, Obj, synth } from '../helpers/synth';

// Issue 16 §1: every typed setting is written in both formats, means the same in each, and validates strictly
// against the vendored Knative Service and RunService CRDs.

/** The settings of the example, and the rest of the contract, on one service. */
const SETTINGS = parse(`
resources: {cpu: "2", memory: 1Gi}
concurrency: 50
timeout: 90s
command: [/app/server]
args: [--port, "8080"]
workingDir: /app
probes:
  startup: {http: {path: /ready, port: 8080}, periodSeconds: 5, failureThreshold: 30}
  liveness: {grpc: {service: api}, periodSeconds: 30, timeoutSeconds: 5}
cpu: {alwaysAllocated: true, startupBoost: true}
executionEnvironment: gen2
sessionAffinity: true
labels: {team: payments, env: prod}
annotations: {acme.example/owner: payments}
containerName: api
dependsOn: [otel]
sidecars:
  - name: otel
    image: us-docker.pkg.dev/acme/otel:1.2.0
    resources: {cpu: 500m, memory: 256Mi}
    env: {OTEL_EXPORTER: gcp}
    probes: {startup: {tcp: {port: 4317}}}
    volumeMounts: [{volume: otel-config, path: /etc/otel}]
volumes:
  - {name: otel-config, secret: {secret: otel-config, items: [{path: config.yaml, version: "3"}]}}
  - {name: tmp, inMemory: {sizeLimit: 128Mi}}
volumeMounts: [{volume: tmp, path: /tmp/work}]
revisionSuffix: v42
traffic:
  - {revision: server-service-v41, percent: 90}
  - {latest: true, percent: 10, tag: canary}
`);

function topology(format: 'knative' | 'config-connector', extra: Obj = {}): any {
  const t = baseTopology();
  Object.assign(t.services[1], SETTINGS, extra);
  if (format === 'config-connector') t.delivery = { cloudRun: format };
  return t;
}

describe('service settings, Knative format', () => {
  const { objects } = synth(
    topology('knative', {
      minInstances: 2,
      volumes: [...SETTINGS.volumes, { name: 'data', cloudStorage: { bucket: 'acme-data', readOnly: true } }],
    }),
  );
  const svc = find(objects, 'Service', 'server-service');
  const template = svc.spec.template;
  const [app, otel] = template.spec.containers;

  test('validates strictly against the Knative CRD', () => {
    expectValidCrds([svc]);
  });

  test('service level: labels beside the location, user annotations beside those runnel owns, service-level min instances, traffic', () => {
    expect(svc.metadata.labels).toEqual({ team: 'payments', env: 'prod', 'cloud.googleapis.com/location': 'asia-northeast1' });
    expect(svc.metadata.annotations['acme.example/owner']).toBe('payments');
    expect(svc.metadata.annotations['run.googleapis.com/ingress']).toBe('internal');
    expect(svc.metadata.annotations['run.googleapis.com/minScale']).toBe('2');
    expect(svc.spec.traffic).toEqual([
      { revisionName: 'server-service-v41', percent: 90 },
      { latestRevision: true, percent: 10, tag: 'canary' },
    ]);
  });

  test('revision level: name, CPU allocation and boost, environment, affinity, start order, concurrency, timeout', () => {
    expect(template.metadata.name).toBe('server-service-v42');
    expect(template.metadata.annotations).toMatchObject({
      'run.googleapis.com/cpu-throttling': 'false',
      'run.googleapis.com/startup-cpu-boost': 'true',
      'run.googleapis.com/execution-environment': 'gen2',
      'run.googleapis.com/sessionAffinity': 'true',
      'run.googleapis.com/container-dependencies': '{"api":["otel"]}',
    });
    expect(template.spec.containerConcurrency).toBe(50);
    expect(template.spec.timeoutSeconds).toBe(90);
  });

  test('the ingress container: the only port, resources, command, probes, mounts', () => {
    expect(app).toMatchObject({
      name: 'api',
      ports: [{ name: 'http1', containerPort: 8080 }],
      command: ['/app/server'],
      args: ['--port', '8080'],
      workingDir: '/app',
      resources: { limits: { cpu: '2', memory: '1Gi' } },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp/work' }],
      startupProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5, failureThreshold: 30 },
      livenessProbe: { grpc: { service: 'api' }, timeoutSeconds: 5, periodSeconds: 30 },
    });
    // Knative carries CPU allocation as annotations, not container fields.
    expect(app.resources.cpuIdle).toBeUndefined();
  });

  test('the sidecar: no port, its own env, resources, probe and mount', () => {
    expect(otel).toEqual({
      name: 'otel',
      image: 'us-docker.pkg.dev/acme/otel:1.2.0',
      env: [{ name: 'OTEL_EXPORTER', value: 'gcp' }],
      resources: { limits: { cpu: '500m', memory: '256Mi' } },
      volumeMounts: [{ name: 'otel-config', mountPath: '/etc/otel' }],
      startupProbe: { tcpSocket: { port: 4317 } },
    });
  });

  test('volumes: secret files by version, in-memory, Cloud Storage through gcsfuse', () => {
    expect(template.spec.volumes).toEqual([
      { name: 'otel-config', secret: { secretName: 'otel-config', items: [{ key: '3', path: 'config.yaml' }] } },
      { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '128Mi' } },
      { name: 'data', csi: { driver: 'gcsfuse.run.googleapis.com', readOnly: true, volumeAttributes: { bucketName: 'acme-data' } } },
    ]);
  });

  test("the service's account may read the secret it mounts", () => {
    const grants = objects.filter((o) => o.kind === 'IAMPolicyMember' && o.spec.role === 'roles/secretmanager.secretAccessor');
    expect(grants.map((g) => [g.spec.member ?? g.spec.memberFrom, g.spec.resourceRef.external])).toContainEqual([
      { serviceAccountRef: { name: 'run-server-service' } },
      'projects/acme-prod/secrets/otel-config',
    ]);
  });
});

describe('service settings, Config Connector format', () => {
  const { objects } = synth(topology('config-connector'));
  const svc = find(objects, 'RunService', 'server-service');
  const template = svc.spec.template;
  const [app, otel] = template.containers;

  test('validates strictly against the RunService CRD', () => {
    expectValidCrds([svc]);
  });

  test('the same meaning in the v2 API shape', () => {
    expect(svc.metadata.labels).toEqual({ team: 'payments', env: 'prod' });
    expect(svc.spec.annotations).toEqual({ 'acme.example/owner': 'payments' });
    expect(template).toMatchObject({
      revision: 'server-service-v42',
      executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
      sessionAffinity: true,
      timeout: '90s',
      maxInstanceRequestConcurrency: 50,
    });
    expect(svc.spec.traffic).toEqual([
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'server-service-v41', percent: 90 },
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 10, tag: 'canary' },
    ]);
    expect(app).toMatchObject({
      name: 'api',
      ports: [{ name: 'http1', containerPort: 8080 }],
      dependsOn: ['otel'],
      // Always allocated = not idle; the boost is a container resource here.
      resources: { limits: { cpu: '2', memory: '1Gi' }, cpuIdle: false, startupCpuBoost: true },
      startupProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5, failureThreshold: 30 },
    });
    expect(otel.ports).toBeUndefined();
    expect(otel.startupProbe).toEqual({ tcpSocket: { port: 4317 } });
    expect(template.volumes).toEqual([
      {
        name: 'otel-config',
        secret: { secretRef: { external: 'otel-config' }, items: [{ path: 'config.yaml', versionRef: { external: '3' } }] },
      },
      { name: 'tmp', emptyDir: { medium: 'MEMORY', sizeLimit: '128Mi' } },
    ]);
  });
});

describe('the deprecated startupProbe', () => {
  test('writes the same probe as probes.startup with http on the container port', () => {
    const old = baseTopology();
    const now = baseTopology();
    delete now.services[0].startupProbe;
    now.services[0].probes = { startup: { http: { path: '/ready' } } };
    const probe = (t: any) => find(synth(t).objects, 'Service', 'client-service').spec.template.spec.containers[0].startupProbe;
    expect(probe(old)).toEqual({ httpGet: { path: '/ready' } });
    expect(probe(now)).toEqual(probe(old));
  });
});

describe('an NFS volume (Knative format)', () => {
  test("is written as Cloud Run's YAML reference writes it, beside the other volumes", () => {
    const t = baseTopology();
    Object.assign(t.services[1], {
      volumes: [
        { name: 'tmp', inMemory: {} },
        { name: 'share', nfs: { server: '10.0.0.2', path: '/share', readOnly: true } },
      ],
      volumeMounts: [{ volume: 'share', path: '/mnt/share' }],
    });
    const svc = find(synth(t).objects, 'Service', 'server-service');
    expect(svc.spec.template.spec.volumes).toEqual([
      { name: 'tmp', emptyDir: { medium: 'Memory' } },
      { name: 'share', nfs: { server: '10.0.0.2', path: '/share', readOnly: true } },
    ]);
    // The upstream Knative CRD (v1.23) has no `nfs` volume source, which Cloud Run's API adds: everything else of
    // the object still validates strictly.
    const { nfs: _nfs, ...rest } = svc.spec.template.spec.volumes[1];
    expectValidCrds([
      {
        ...svc,
        spec: {
          ...svc.spec,
          template: {
            ...svc.spec.template,
            spec: { ...svc.spec.template.spec, volumes: [svc.spec.template.spec.volumes[0], { ...rest, emptyDir: {} }] },
          },
        },
      },
    ]);
  });
});
