import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Google documents that high packet rates can exhaust shared CPU credits and connection-tracking memory on `f1`
 * and `e2-micro` connector instances, causing timeouts even below their bandwidth limits, and recommends
 * `e2-standard-4` for production with high concurrency or frequent small requests. They also have the lowest
 * throughput of the three machine types. A warning: fine for development and light traffic, and `e2-standard-4`
 * costs more.
 * @see https://cloud.google.com/run/docs/configuring/vpc-connectors#limitation
 * @see https://cloud.google.com/vpc/docs/serverless-vpc-access#scaling
 */
export const connectorMachineTypeForLoad = defineRule({
  id: 'connector-machine-type-for-load',
  severity: 'warning',
  summary: 'A connector that carries production traffic runs on `e2-standard-4`, not shared-core micro instances.',
  check(model: TopologyModel): Problem[] {
    const c = model.connector;
    if (!c.needed || c.machineType === 'e2-standard-4') return [];
    const written = model.spec.network.connector?.machineType !== undefined;
    return [
      {
        path: 'network.connector.machineType',
        message: `the connector runs on ${c.machineType} instances${written ? '' : ' (the default)'}, shared-core machines whose CPU credits and connection tracking run out under high packet rates, so requests through the connector time out under load`,
        fix: 'for production traffic, set network.connector.machineType to e2-standard-4 (and size minInstances/maxInstances to the load)',
      },
    ];
  },
});
