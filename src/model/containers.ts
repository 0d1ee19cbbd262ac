import { ContainerSettingsSpec } from '../input/service-settings';
import { ServiceModel } from './model';

/** One container of a service, as rules see it: where it was written, and its settings. */
export interface ContainerModel {
  /** `services[0]` for the ingress container, `services[0].sidecars[1]` for a sidecar. */
  readonly path: string;
  /** The name other containers' `dependsOn` use; undefined for an unnamed ingress container. */
  readonly name?: string;
  readonly ingress: boolean;
  readonly settings: ContainerSettingsSpec;
  readonly dependsOn: readonly string[];
}

/** The ingress container (named as the output names it: `containerName`, or `app` once there are sidecars), then the sidecars. */
export function containersOf(s: ServiceModel): ContainerModel[] {
  const sidecars = s.settings.sidecars ?? [];
  return [
    {
      path: s.path,
      name: s.settings.containerName ?? (sidecars.length ? 'app' : undefined),
      ingress: true,
      settings: s.settings,
      dependsOn: s.settings.dependsOn ?? [],
    },
    ...sidecars.map((c, i) => ({
      path: `${s.path}.sidecars[${i}]`,
      name: c.name,
      ingress: false,
      settings: c,
      dependsOn: c.dependsOn ?? [],
    })),
  ];
}
