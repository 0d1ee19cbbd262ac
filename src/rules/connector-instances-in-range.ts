import { connectorInstanceProblems, CONNECTOR_LIMITS } from '../input/connector-limits';
import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Connector instances: min 2..9, max 3..10, min below max.
 * @see https://cloud.google.com/vpc/docs/serverless-vpc-access#scaling
 */
export const connectorInstancesInRange = defineRule({
  id: 'connector-instances-in-range',
  severity: 'error',
  summary: 'Connector minInstances is 2..9, maxInstances 3..10, and min is below max.',
  check(model: TopologyModel): Problem[] {
    const c = model.connector;
    if (!c.needed) return [];
    const { minInstances: lo, maxInstances: hi } = CONNECTOR_LIMITS;
    return connectorInstanceProblems(c.minInstances, c.maxInstances).map(([field, message]) => ({
      path: `network.connector.${field}`,
      message,
      fix:
        field === 'minInstances'
          ? `set network.connector.minInstances to ${lo.low}..${lo.high}`
          : `set network.connector.maxInstances to ${Math.max(hi.low, Math.min(c.minInstances + 1, hi.high))}..${hi.high}, above minInstances`,
    }));
  },
});
