import { RunAnnotation } from '../annotations';
import { ContainerSettingsSpec, ProbeSpec, ServiceSettingsSpec, SidecarSpec, TrafficSpec, VolumeSpec } from '../input/service-settings';
import { DEFAULTS } from '../defaults';

/*
 * How a service's non-networking settings are written in each format. Every field is written only when set, so a
 * service without them is written exactly as before. Field names checked against the vendored CRDs
 * (../shared/crds/knative/service.yaml, ../shared/crds/config-connector/runservices.run.cnrm.cloud.google.com.yaml)
 * and Cloud Run's YAML reference (https://cloud.google.com/run/docs/reference/yaml/v1).
 */

type Obj = Record<string, unknown>;

/** The ingress container's name: the user's, or `app` once sidecars need something to name in `dependsOn`. */
export function ingressContainerName(settings: ServiceSettingsSpec): string | undefined {
  return settings.containerName ?? (settings.sidecars?.length ? 'app' : undefined);
}

/** The revision name `revisionSuffix` gives: `<service>-<suffix>`. */
export function revisionName(service: string, settings: ServiceSettingsSpec): string | undefined {
  return settings.revisionSuffix === undefined ? undefined : `${service}-${settings.revisionSuffix}`;
}

/**
 * A probe, the same in both formats (Knative's core/v1 Probe and the RunService CRD share these names); the port
 * is left to Cloud Run, which probes the container port, unless given.
 * @see https://cloud.google.com/run/docs/configuring/healthchecks
 */
export function probeOf(p: ProbeSpec): Obj {
  const port = (x: { port?: number }) => (x.port !== undefined ? { port: x.port } : {});
  return {
    ...(p.http ? { httpGet: { path: p.http.path, ...port(p.http) } } : {}),
    ...(p.tcp ? { tcpSocket: { ...port(p.tcp) } } : {}),
    ...(p.grpc ? { grpc: { ...port(p.grpc), ...(p.grpc.service !== undefined ? { service: p.grpc.service } : {}) } } : {}),
    ...(p.initialDelaySeconds !== undefined ? { initialDelaySeconds: p.initialDelaySeconds } : {}),
    ...(p.timeoutSeconds !== undefined ? { timeoutSeconds: p.timeoutSeconds } : {}),
    ...(p.periodSeconds !== undefined ? { periodSeconds: p.periodSeconds } : {}),
    ...(p.failureThreshold !== undefined ? { failureThreshold: p.failureThreshold } : {}),
  };
}

/** command, args, workingDir, resources, probes and mounts of a container, in the order exports list them. */
function containerSettings(c: ContainerSettingsSpec, kcc: boolean, extraResources: Obj = {}): Obj {
  const limits = {
    ...(c.resources?.cpu !== undefined ? { cpu: c.resources.cpu } : {}),
    ...(c.resources?.memory !== undefined ? { memory: c.resources.memory } : {}),
  };
  const resources = { ...(Object.keys(limits).length ? { limits } : {}), ...(kcc ? extraResources : {}) };
  return {
    ...(c.command?.length ? { command: [...c.command] } : {}),
    ...(c.args?.length ? { args: [...c.args] } : {}),
    ...(c.workingDir !== undefined ? { workingDir: c.workingDir } : {}),
    ...(Object.keys(resources).length ? { resources } : {}),
    ...(c.volumeMounts?.length ? { volumeMounts: c.volumeMounts.map((m) => ({ name: m.volume, mountPath: m.path })) } : {}),
    ...(c.probes?.startup ? { startupProbe: probeOf(c.probes.startup) } : {}),
    ...(c.probes?.liveness ? { livenessProbe: probeOf(c.probes.liveness) } : {}),
  };
}

/**
 * The ingress container's settings. Config Connector carries CPU allocation and startup boost on the container's
 * `resources` (`cpuIdle`, `startupCpuBoost`); Knative as revision annotations (`knativeTemplateAnnotations`).
 */
export function ingressContainerSettings(settings: ServiceSettingsSpec, kcc: boolean): Obj {
  const extra: Obj = {
    ...(settings.cpu?.alwaysAllocated !== undefined ? { cpuIdle: !settings.cpu.alwaysAllocated } : {}),
    ...(settings.cpu?.startupBoost !== undefined ? { startupCpuBoost: settings.cpu.startupBoost } : {}),
  };
  return {
    ...containerSettings(settings, kcc, extra),
    ...(kcc && settings.dependsOn?.length ? { dependsOn: [...settings.dependsOn] } : {}),
  };
}

/** A sidecar: no port (only the ingress container has one), its own env; `dependsOn` only in Config Connector. */
export function sidecarContainer(s: SidecarSpec, kcc: boolean): Obj {
  const env = Object.entries(s.env ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ name, value }));
  return {
    name: s.name,
    image: s.image,
    ...(env.length ? { env } : {}),
    ...containerSettings(s, kcc),
    ...(kcc && s.dependsOn?.length ? { dependsOn: [...s.dependsOn] } : {}),
  };
}

/** Revision annotations for the Knative format. */
export function knativeTemplateAnnotations(settings: ServiceSettingsSpec): Record<string, string> {
  const ingress = ingressContainerName(settings);
  const all = [
    ...(ingress !== undefined && settings.dependsOn?.length ? [[ingress, [...settings.dependsOn]] as const] : []),
    ...(settings.sidecars ?? []).filter((s) => s.dependsOn?.length).map((s) => [s.name, [...s.dependsOn!]] as const),
  ];
  const deps = Object.fromEntries(all);
  return {
    ...(settings.cpu?.alwaysAllocated !== undefined ? { [RunAnnotation.CPU_THROTTLING]: String(!settings.cpu.alwaysAllocated) } : {}),
    ...(settings.cpu?.startupBoost !== undefined ? { [RunAnnotation.STARTUP_CPU_BOOST]: String(settings.cpu.startupBoost) } : {}),
    ...(settings.executionEnvironment !== undefined ? { [RunAnnotation.EXECUTION_ENVIRONMENT]: settings.executionEnvironment } : {}),
    ...(settings.sessionAffinity !== undefined ? { [RunAnnotation.SESSION_AFFINITY]: String(settings.sessionAffinity) } : {}),
    ...(Object.keys(deps).length ? { [RunAnnotation.CONTAINER_DEPENDENCIES]: JSON.stringify(deps) } : {}),
  };
}

/**
 * A volume in Knative form: secrets by `secretName` with the version as `key`, in-memory as an `emptyDir` of
 * medium Memory, Cloud Storage through the gcsfuse CSI driver, NFS as `nfs`.
 * @see https://cloud.google.com/run/docs/reference/yaml/v1#volume
 */
export function knativeVolume(v: VolumeSpec): Obj {
  if (v.secret) {
    const items = v.secret.items?.length ? v.secret.items : [{ path: v.secret.secret }];
    return {
      name: v.name,
      secret: {
        secretName: v.secret.secret,
        items: items.map((i) => ({ key: i.version ?? DEFAULTS.secretVolumeItem.version, path: i.path })),
      },
    };
  }
  if (v.inMemory) {
    return { name: v.name, emptyDir: { medium: 'Memory', ...(v.inMemory.sizeLimit ? { sizeLimit: v.inMemory.sizeLimit } : {}) } };
  }
  if (v.cloudStorage) {
    return {
      name: v.name,
      csi: {
        driver: 'gcsfuse.run.googleapis.com',
        ...(v.cloudStorage.readOnly !== undefined ? { readOnly: v.cloudStorage.readOnly } : {}),
        volumeAttributes: { bucketName: v.cloudStorage.bucket },
      },
    };
  }
  const nfs = v.nfs!;
  return { name: v.name, nfs: { server: nfs.server, path: nfs.path, ...(nfs.readOnly !== undefined ? { readOnly: nfs.readOnly } : {}) } };
}

/**
 * A volume in RunService form. The CRD has `secret`, `emptyDir` and `cloudSqlInstance` only: Cloud Storage and NFS
 * volumes are refused in this format by service-settings-valid before anything is written.
 */
export function kccVolume(v: VolumeSpec): Obj {
  if (v.secret) {
    return {
      name: v.name,
      secret: {
        secretRef: { external: v.secret.secret },
        ...(v.secret.items?.length
          ? {
              items: v.secret.items.map((i) => ({
                path: i.path,
                versionRef: { external: i.version ?? DEFAULTS.secretVolumeItem.version },
              })),
            }
          : {}),
      },
    };
  }
  // The v2 API's EmptyDirVolumeSource.Medium: MEMORY.
  return { name: v.name, emptyDir: { medium: 'MEMORY', ...(v.inMemory?.sizeLimit ? { sizeLimit: v.inMemory.sizeLimit } : {}) } };
}

/** Traffic targets in Knative form: `latestRevision: true` or a `revisionName`. */
export function knativeTraffic(traffic: readonly TrafficSpec[]): Obj[] {
  return traffic.map((t) => ({
    ...(t.latest ? { latestRevision: true } : { revisionName: t.revision }),
    ...(t.percent !== undefined ? { percent: t.percent } : {}),
    ...(t.tag !== undefined ? { tag: t.tag } : {}),
  }));
}

/** Traffic targets in RunService form: the v2 API's allocation type, then the revision. */
export function kccTraffic(traffic: readonly TrafficSpec[]): Obj[] {
  return traffic.map((t) => ({
    type: t.latest ? 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST' : 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION',
    ...(t.latest ? {} : { revision: t.revision }),
    ...(t.percent !== undefined ? { percent: t.percent } : {}),
    ...(t.tag !== undefined ? { tag: t.tag } : {}),
  }));
}

/** `timeout: 90s` as Knative's `timeoutSeconds: 90`. */
export function timeoutSeconds(timeout: string): number {
  return Number(timeout.replace(/s$/, ''));
}
