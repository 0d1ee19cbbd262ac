import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { ServiceModel, TopologyModel } from '../model/model';
import { RunAnnotation } from '../annotations';

/* eslint-disable @typescript-eslint/no-explicit-any -- a user's manifest is read generically */

const KCC_INGRESS: Record<string, string> = {
  all: 'INGRESS_TRAFFIC_ALL',
  internal: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
  'internal-and-cloud-load-balancing': 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
};

/**
 * A service's own manifest (`services[].manifest`) is readable, is the kind the delivery format writes, names the
 * service, and agrees with the topology on what runnel owns: ingress, VPC egress (how and which traffic), the
 * service account the topology names, the image and the scaling. runnel would overwrite a disagreeing field, so
 * the mismatch is refused with both places named instead of silently changing the service.
 * @see https://cloud.google.com/run/docs/reference/yaml/v1
 * @see https://cloud.google.com/config-connector/docs/reference/resource-docs/run/runservice
 */
export const manifestAgreesWithTopology = defineRule({
  id: 'manifest-agrees-with-topology',
  severity: 'error',
  summary: "A service's own manifest is readable, of the output's kind, and agrees with the topology on the networking runnel owns.",
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    const kcc = model.delivery.cloudRun === 'config-connector';
    for (const s of model.services) {
      const m = s.manifest;
      if (!m) continue;
      const file = JSON.stringify(m.path);
      const at = `${s.path}.manifest`;
      if (!m.object) {
        problems.push({ path: at, message: m.problem ?? `${file} could not be read`, fix: `point ${at} at a Cloud Run service export` });
        continue;
      }
      const o = m.object as any;
      const want = kcc ? ['run.cnrm.cloud.google.com/v1beta1', 'RunService'] : ['serving.knative.dev/v1', 'Service'];
      if (o.apiVersion !== want[0] || o.kind !== want[1]) {
        problems.push({
          path: at,
          message: `${file} is ${JSON.stringify(`${o.apiVersion}/${o.kind}`)}, and delivery.cloudRun ${kcc ? 'config-connector' : 'knative'} writes ${want[0]} ${want[1]}`,
          fix: kcc
            ? 'point it at a RunService, or set delivery.cloudRun: knative'
            : 'point it at `gcloud run services describe --format export` output',
        });
        continue;
      }
      if (o.metadata?.name !== undefined && o.metadata.name !== s.name) {
        problems.push({
          path: `${s.path}.name`,
          message: `${file} metadata.name is ${JSON.stringify(o.metadata.name)}, but ${s.path}.name is ${JSON.stringify(s.name)}`,
          fix: 'make the names agree (a service cannot be renamed in place)',
        });
      }
      const differ = (field: string, theirs: unknown, path: string, ours: unknown) => {
        if (theirs === undefined || theirs === ours) return;
        problems.push({
          path,
          message: `${file} ${field} is ${JSON.stringify(theirs)}, but ${path} gives ${JSON.stringify(ours)}`,
          fix: `remove ${field} from ${file} (runnel writes it) or change ${path} to match`,
        });
      };
      problems.push(...(kcc ? checkKcc(s, o, differ) : checkKnative(s, o, differ, model)));
    }
    return problems;
  },
});

type Differ = (field: string, theirs: unknown, path: string, ours: unknown) => void;

function ingressContainer(containers: any[] | undefined): any {
  return containers?.find((c) => Array.isArray(c?.ports) && c.ports.length > 0) ?? containers?.[0];
}

function checkKnative(s: ServiceModel, o: any, differ: Differ, model: TopologyModel): Problem[] {
  const ann = o.metadata?.annotations ?? {};
  const tmpl = o.spec?.template?.metadata?.annotations ?? {};
  differ(`metadata.annotations[${quoted(RunAnnotation.INGRESS)}]`, ann[RunAnnotation.INGRESS], `${s.path}.ingress`, s.ingress);
  const connector = tmpl[RunAnnotation.VPC_CONNECTOR];
  const interfaces = tmpl[RunAnnotation.NETWORK_INTERFACES];
  const field = (k: string) => `spec.template.metadata.annotations[${quoted(k)}]`;
  if (connector !== undefined) {
    const name = String(connector).split('/').pop();
    differ(
      field(RunAnnotation.VPC_CONNECTOR),
      s.via === 'connector' ? name : connector,
      `${s.path}.egress.via`,
      s.via === 'connector' ? model.connector.name : s.via,
    );
  }
  if (interfaces !== undefined && s.via !== 'direct-vpc')
    differ(field(RunAnnotation.NETWORK_INTERFACES), interfaces, `${s.path}.egress.via`, s.via);
  if (s.via !== 'none') differ(field(RunAnnotation.VPC_EGRESS), tmpl[RunAnnotation.VPC_EGRESS], `${s.path}.egress.route`, s.route);
  else differ(field(RunAnnotation.VPC_EGRESS), tmpl[RunAnnotation.VPC_EGRESS], `${s.path}.egress.via`, s.via);
  differ(field(RunAnnotation.MIN_SCALE), tmpl[RunAnnotation.MIN_SCALE], `${s.path}.scaling.minInstances`, String(s.minInstances));
  differ(field(RunAnnotation.MAX_SCALE), tmpl[RunAnnotation.MAX_SCALE], `${s.path}.scaling.maxInstances`, String(s.maxInstances));
  differ('spec.template.spec.serviceAccountName', o.spec?.template?.spec?.serviceAccountName, `${s.path}.serviceAccount`, s.serviceAccount);
  differ("the ingress container's image", ingressContainer(o.spec?.template?.spec?.containers)?.image, `${s.path}.image`, s.image);
  return [];
}

function checkKcc(s: ServiceModel, o: any, differ: Differ): Problem[] {
  const t = o.spec?.template ?? {};
  differ('spec.ingress', o.spec?.ingress, `${s.path}.ingress`, KCC_INGRESS[s.ingress]);
  const vpc = t.vpcAccess;
  if (vpc?.connectorRef !== undefined && s.via !== 'connector')
    differ('spec.template.vpcAccess.connectorRef', 'set', `${s.path}.egress.via`, s.via);
  if (vpc?.networkInterfaces !== undefined && s.via !== 'direct-vpc')
    differ('spec.template.vpcAccess.networkInterfaces', 'set', `${s.path}.egress.via`, s.via);
  if (vpc?.egress !== undefined) {
    differ(
      'spec.template.vpcAccess.egress',
      vpc.egress,
      `${s.path}.egress.route`,
      s.via === 'none' ? undefined : s.route === 'all-traffic' ? 'ALL_TRAFFIC' : 'PRIVATE_RANGES_ONLY',
    );
  }
  differ('spec.template.scaling.minInstanceCount', t.scaling?.minInstanceCount, `${s.path}.scaling.minInstances`, s.minInstances);
  differ('spec.template.scaling.maxInstanceCount', t.scaling?.maxInstanceCount, `${s.path}.scaling.maxInstances`, s.maxInstances);
  differ('spec.template.serviceAccountRef.external', t.serviceAccountRef?.external, `${s.path}.serviceAccount`, s.serviceAccount);
  differ("the ingress container's image", ingressContainer(t.containers)?.image, `${s.path}.image`, s.image);
  return [];
}
