import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Settings the Config Connector RunService cannot carry are refused in that format, instead of being dropped: its
 * CRD (run.cnrm.cloud.google.com/v1beta1, vendored in ../shared/crds) has no Cloud Storage or NFS volume source
 * (`template.volumes[]` takes `secret`, `emptyDir` and `cloudSqlInstance`) and no service-level scaling
 * (`spec.scaling`). The Knative format, applied with `gcloud run services replace`, carries all three.
 * @see https://cloud.google.com/config-connector/docs/reference/resource-docs/run/runservice
 */
export const settingNeedsKnativeFormat = defineRule({
  id: 'setting-needs-knative-format',
  severity: 'error',
  summary: 'Cloud Storage and NFS volumes and service-level minInstances are used only with the Knative format.',
  check(model: TopologyModel): Problem[] {
    if (model.delivery.cloudRun !== 'config-connector') return [];
    const problems: Problem[] = [];
    const fix = 'set delivery.cloudRun: knative, or';
    for (const s of model.services) {
      (s.settings.volumes ?? []).forEach((v, i) => {
        const kind = v.cloudStorage ? 'cloudStorage' : v.nfs ? 'nfs' : undefined;
        if (!kind) return;
        problems.push({
          path: `${s.path}.volumes[${i}].${kind}`,
          message: `Config Connector's RunService has no ${kind === 'nfs' ? 'NFS' : 'Cloud Storage'} volume, so volume ${quoted(v.name)} cannot be written in delivery.cloudRun: config-connector`,
          fix: `${fix} remove ${s.path}.volumes[${i}]`,
        });
      });
      if (s.settings.minInstances !== undefined) {
        problems.push({
          path: `${s.path}.minInstances`,
          message: "Config Connector's RunService has no service-level minimum instances",
          fix: `${fix} use ${s.path}.scaling.minInstances (per revision) instead`,
        });
      }
    }
    return problems;
  },
});
