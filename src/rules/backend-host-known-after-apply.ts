import { Problem, quoted } from '../finding';
import { shellQuote } from '../shell-quote';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * A Memorystore instance gets its address when it is created, so runnel cannot know it at synth time. Until
 * the user copies it into `host`, the users of the instance get `<NAME>_PORT` but no `<NAME>_HOST`.
 * @see https://cloud.google.com/memorystore/docs/redis/connect-redis-instance-cloud-run
 */
export const backendHostKnownAfterApply = defineRule({
  id: 'backend-host-known-after-apply',
  severity: 'warning',
  summary: 'A Redis instance that services use has its `host` set once it exists; until then its users get no host variable.',
  check(model: TopologyModel): Problem[] {
    return model.backends
      .filter((b) => b.redis && b.host === undefined && model.services.some((s) => s.uses.includes(b.name)))
      .map((b) => ({
        path: b.hostPath,
        message: `the address of Redis instance ${quoted(b.name)} is known only after apply, so ${b.env.host} is not set for its users`,
        // Values are shell-quoted: the region is the user's text, and this rule runs even when another rule refuses it.
        fix: `after the first apply, run \`gcloud redis instances describe ${shellQuote(b.name)} --region ${shellQuote(model.region)} --format='value(host)'\` and set ${b.hostPath} to the address it prints`,
      }));
  },
});
