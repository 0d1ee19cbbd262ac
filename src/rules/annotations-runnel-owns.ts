import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { RunAnnotation, RunLabel } from '../annotations';

/** Prefixes of annotations Cloud Run sets itself on a service (creator, last modifier, operation): never the user's to write. */
const SERVER_SET = [
  'serving.knative.dev/',
  'run.googleapis.com/operation-id',
  'run.googleapis.com/creator',
  'run.googleapis.com/lastModifier',
];

/**
 * `annotations` and `labels` hold what the user owns: a key runnel writes from the topology (ingress, custom
 * audiences, scaling, VPC egress, CPU and container settings, the location label) would be written twice with two
 * owners, and a key Cloud Run sets itself is not the user's to write.
 * @see https://cloud.google.com/run/docs/reference/yaml/v1
 */
export const annotationsRunnelOwns = defineRule({
  id: 'annotations-runnel-owns',
  severity: 'error',
  summary: "A service's annotations and labels set no key runnel writes from the topology or Cloud Run sets itself.",
  check(model: TopologyModel): Problem[] {
    const owned = new Set<string>(Object.values(RunAnnotation));
    const problems: Problem[] = [];
    for (const s of model.services) {
      for (const key of Object.keys(s.settings.annotations ?? {}).sort()) {
        const path = `${s.path}.annotations`;
        if (owned.has(key)) {
          problems.push({
            path,
            message: `annotation ${JSON.stringify(key)} is written by runnel from the topology`,
            fix: `remove ${JSON.stringify(key)} from ${path} and set the topology field it comes from (ingress, egress, scaling, cpu...)`,
          });
        } else if (SERVER_SET.some((p) => key.startsWith(p))) {
          problems.push({
            path,
            message: `annotation ${JSON.stringify(key)} is set by Cloud Run itself`,
            fix: `remove ${JSON.stringify(key)} from ${path}`,
          });
        }
      }
      if (s.settings.labels && RunLabel.LOCATION in s.settings.labels) {
        problems.push({
          path: `${s.path}.labels`,
          message: `label ${RunLabel.LOCATION} is written by runnel from region`,
          fix: 'remove it; set region',
        });
      }
    }
    return problems;
  },
});
