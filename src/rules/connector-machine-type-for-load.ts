import { Problem } from '../validation/finding';
import { defineRule } from '../validation/rule';
import { TopologyModel } from '../topology/model';

/**
 * A connector's throughput is its instances' machine type times their count. `f1-micro` and `e2-micro` are
 * shared-core machines with the lowest throughput of the three types Serverless VPC Access offers; under load the
 * connector saturates and requests through it slow down and time out. A warning: fine for development and light
 * traffic, and `e2-standard-4` costs more.
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
        message: `the connector runs on ${c.machineType} instances${written ? '' : ' (the default)'}, shared-core machines with the lowest throughput; under load, requests through the connector slow down and time out`,
        fix: 'for production traffic, set network.connector.machineType to e2-standard-4 (and size minInstances/maxInstances to the load)',
      },
    ];
  },
});
