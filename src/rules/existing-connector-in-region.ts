import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { parseConnectorPath } from '../names';

/**
 * A Cloud Run service can use only a connector in its own region.
 * @see https://cloud.google.com/run/docs/configuring/vpc-connectors
 */
export const existingConnectorInRegion = defineRule({
  id: 'existing-connector-in-region',
  severity: 'error',
  summary: "An existing connector (`network.connector.existing`) is in the services' region.",
  check(model: TopologyModel): Problem[] {
    const existing = model.connector.existing;
    const parts = existing === undefined ? undefined : parseConnectorPath(existing);
    if (!parts || parts.region === model.region) return [];
    return [
      {
        path: 'network.connector.existing',
        message: `connector ${quoted(parts.name)} is in ${parts.region}; services in ${model.region} cannot use it`,
        fix: `name a connector in ${model.region}, or remove network.connector.existing to let runnel create one`,
      },
    ];
  },
});
