import { cidrProblem, parseCidr, resized } from '../cidr';
import { CONNECTOR_LIMITS, connectorSubnetProblem } from '../input/connector-limits';
import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * A Serverless VPC Access connector needs its own /28 subnet, with nothing else on it.
 * @see https://cloud.google.com/run/docs/configuring/vpc-connectors#before_you_begin
 */
export const connectorSubnetMustBe28 = defineRule({
  id: 'connector-subnet-must-be-28',
  severity: 'error',
  summary: "The connector's subnet is a /28.",
  check(model: TopologyModel): Problem[] {
    // Every region's connector subnet (each region with a connector user has its own connector).
    return model.regions.flatMap((r) => {
      const subnet = r.subnets.connector;
      if (!subnet.needed || cidrProblem(subnet.cidr)) return [];
      const message = connectorSubnetProblem(subnet.cidr);
      if (message === undefined) return [];
      const prefix = CONNECTOR_LIMITS.subnetPrefix;
      return [
        {
          path: subnet.cidrPath,
          message,
          fix: `set ${subnet.cidrPath} to a free /${prefix}, e.g. ${resized(parseCidr(subnet.cidr), prefix)}`,
        },
      ];
    });
  },
});
