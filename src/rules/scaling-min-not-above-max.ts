import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * A revision's minimum instances cannot exceed its maximum.
 * @see https://cloud.google.com/run/docs/configuring/min-instances
 */
export const scalingMinNotAboveMax = defineRule({
  id: 'scaling-min-not-above-max',
  severity: 'error',
  summary: 'scaling.minInstances is not above scaling.maxInstances.',
  check(model: TopologyModel): Problem[] {
    return model.services
      .filter((s) => s.minInstances > s.maxInstances)
      .map((s) => ({
        path: `${s.path}.scaling.minInstances`,
        message: `minInstances ${s.minInstances} is above maxInstances ${s.maxInstances}`,
        fix: `lower ${s.path}.scaling.minInstances to at most ${s.maxInstances}, or raise maxInstances`,
      }));
  },
});
