import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * `public: true` grants `roles/run.invoker` to `allUsers`. That only means something with ingress `all`; with
 * any other ingress it would open the service to every principal inside the network while looking private.
 * @see https://cloud.google.com/run/docs/authenticating/public
 * @see https://cloud.google.com/run/docs/securing/ingress
 */
export const publicNeedsIngressAll = defineRule({
  id: 'public-needs-ingress-all',
  severity: 'error',
  summary: 'Only a service with `ingress: all` may be `public: true` (allUsers as invoker).',
  check(model: TopologyModel): Problem[] {
    return model.services
      .filter((s) => s.public && s.ingress !== 'all')
      .map((s) => ({
        path: `${s.path}.public`,
        message: `${quoted(s.name)} is public (allUsers may invoke it) but its ingress is ${s.ingress}`,
        fix: `set ${s.path}.ingress to all if the internet must reach it; otherwise remove ${s.path}.public and let callers use their own accounts`,
      }));
  },
});
