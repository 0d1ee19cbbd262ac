import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { DEFAULTS } from '../defaults';

/** A revision name is a DNS label: at most 63 characters. https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services#RevisionTemplate */
const MAX_REVISION_NAME = 63;

/**
 * Traffic Cloud Run accepts: each target names one of a revision and the latest revision, percents add up to 100,
 * tags are distinct, and a named revision is one of this service's (`<service>-...`). `revisionSuffix` gives a
 * revision name of at most 63 characters.
 * @see https://cloud.google.com/run/docs/rollouts-rollbacks-traffic-migration
 * @see https://cloud.google.com/run/docs/reference/yaml/v1 (spec.traffic)
 */
export const trafficTargetsValid = defineRule({
  id: 'traffic-targets-valid',
  severity: 'error',
  summary: 'Traffic targets name one revision each, add up to 100 percent and have distinct tags.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      const suffix = s.settings.revisionSuffix;
      if (suffix !== undefined && s.name.length + 1 + suffix.length > MAX_REVISION_NAME) {
        problems.push({
          path: `${s.path}.revisionSuffix`,
          message: `revision name "${s.name}-${suffix}" is longer than ${MAX_REVISION_NAME} characters`,
          fix: `shorten ${s.path}.revisionSuffix to at most ${MAX_REVISION_NAME - s.name.length - 1} characters`,
        });
      }
      const traffic = s.settings.traffic;
      if (!traffic) continue;
      const tags = new Set<string>();
      let total = 0;
      traffic.forEach((t, i) => {
        const path = `${s.path}.traffic[${i}]`;
        total += t.percent ?? DEFAULTS.traffic.percent;
        if ((t.revision !== undefined) === (t.latest === true)) {
          problems.push({
            path,
            message: 'a traffic target needs exactly one of revision and latest: true',
            fix: `set one of ${path}.revision and ${path}.latest`,
          });
        } else if (t.revision !== undefined && !t.revision.startsWith(`${s.name}-`)) {
          problems.push({
            path: `${path}.revision`,
            message: `revision ${quoted(t.revision)} is not one of ${quoted(s.name)}'s (its revisions are named "${s.name}-...")`,
            fix: `name a revision of ${s.name}, e.g. "${s.name}-${suffix ?? '00001-abc'}"`,
          });
        }
        if (t.tag !== undefined) {
          if (tags.has(t.tag))
            problems.push({ path: `${path}.tag`, message: `tag ${quoted(t.tag)} is used twice`, fix: 'give each target its own tag' });
          tags.add(t.tag);
        }
      });
      if (total !== 100) {
        problems.push({
          path: `${s.path}.traffic`,
          message: `the traffic percents of ${quoted(s.name)} add up to ${total}, not 100`,
          fix: `make the percents in ${s.path}.traffic add up to 100 (a target with only a tag takes 0)`,
        });
      }
    }
    return problems;
  },
});
