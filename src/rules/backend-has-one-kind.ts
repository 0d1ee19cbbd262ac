import { cidrProblem, parseCidr, resized } from '../cidr';
import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/** The size of a Redis instance's own range in direct peering mode. */
export const REDIS_RANGE_PREFIX = 29;

/**
 * A backend is either a Redis instance runnel creates or an endpoint it points at, never both. A Redis
 * instance's own range is a /29 and exists only with direct peering: with private services access the
 * address comes from the network's allocated range.
 * @see https://cloud.google.com/memorystore/docs/redis/reference/rest/v1/projects.locations.instances#Instance.FIELDS.reserved_ip_range
 */
export const backendHasOneKind = defineRule({
  id: 'backend-has-one-kind',
  severity: 'error',
  summary: 'A backend has exactly one of `redis` and `endpoint`; a Redis `reservedRange` is a /29 and needs direct peering.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const b of model.backends) {
      if (b.kindProblem === 'both') {
        problems.push({
          path: `${b.path}.endpoint`,
          message: `backend ${quoted(b.name)} has both redis and endpoint`,
          fix: 'keep redis (runnel creates the instance) or endpoint (it already exists), not both',
        });
      } else if (b.kindProblem === 'neither') {
        problems.push({
          path: b.path,
          message: `backend ${quoted(b.name)} has neither redis nor endpoint`,
          fix: `add \`redis: {}\` to create a Memorystore instance, or \`endpoint: {host, port}\` for an existing one`,
        });
      }
      const redis = b.redis;
      if (redis?.reservedRange === undefined) continue;
      if (redis.connectMode !== 'direct-peering') {
        problems.push({
          path: redis.reservedRangePath,
          message:
            'reservedRange is only for direct peering; with private services access the address comes from network.privateServiceAccess',
          fix: `remove ${redis.reservedRangePath}, or set ${b.path}.redis.connectMode to direct-peering`,
        });
      } else if (!cidrProblem(redis.reservedRange) && parseCidr(redis.reservedRange).prefix !== REDIS_RANGE_PREFIX) {
        problems.push({
          path: redis.reservedRangePath,
          message: `${redis.reservedRange} is not a /${REDIS_RANGE_PREFIX}`,
          fix: `set ${redis.reservedRangePath} to a free /${REDIS_RANGE_PREFIX}, e.g. ${resized(parseCidr(redis.reservedRange), REDIS_RANGE_PREFIX)}`,
        });
      }
    }
    return problems;
  },
});
