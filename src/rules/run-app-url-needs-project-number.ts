import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { callersOf } from '../model/resolve';

/**
 * A service's deterministic URL is `https://<service>-<project number>.<region>.run.app`: runnel needs the
 * project number to inject it into callers, and Cloud Run assigns it only when `<service>-<project number>`
 * fits one 63-character DNS label.
 * @see https://cloud.google.com/run/docs/triggering/https-request#deterministic
 */
export const runAppUrlNeedsProjectNumber = defineRule({
  id: 'run-app-url-needs-project-number',
  severity: 'error',
  summary: 'Callees reached at `*.run.app` have a deterministic URL: `projectNumber` is set and the label fits 63 characters.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    const callees = model.services.filter((s) => s.access === 'private-google-access' && callersOf(model, s.name).some((c) => c !== s));
    for (const s of callees) {
      if (model.projectNumber === undefined) {
        problems.push({
          path: `${s.path}.access`,
          message: `${quoted(s.name)} is reached at its *.run.app URL, which contains the project number, but projectNumber is not set`,
          fix: 'set projectNumber at the top level (gcloud projects describe <project> --format="value(projectNumber)")',
        });
        continue;
      }
      const label = `${s.name}-${model.projectNumber}`;
      if (label.length > 63) {
        problems.push({
          path: `${s.path}.name`,
          message: `${quoted(label)} is ${label.length} characters; Cloud Run gives ${quoted(s.name)} no deterministic *.run.app URL`,
          fix: `shorten the service name to at most ${62 - model.projectNumber.length} characters, or remove access: private-google-access`,
        });
      }
    }
    return problems;
  },
});
