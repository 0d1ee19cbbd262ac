import { CONNECTOR_MACHINE_TYPES, ConnectorMachineType } from '../choices';
import { parseCidr } from '../cidr';

/**
 * Limits of a Serverless VPC Access connector, shared by the construct and the topology rules.
 * @see https://cloud.google.com/vpc/docs/serverless-vpc-access#scaling
 * @see https://cloud.google.com/vpc/docs/reference/vpcaccess/rest/v1/projects.locations.connectors
 */
export const CONNECTOR_LIMITS = {
  minInstances: { low: 2, high: 9 },
  maxInstances: { low: 3, high: 10 },
  /** A connector's subnet is exactly a /28 with nothing else on it. */
  subnetPrefix: 28,
  machineTypes: CONNECTOR_MACHINE_TYPES,
} as const;

export type { ConnectorMachineType };

/**
 * Why a connector cannot sit on a subnet of range `cidr` (a well-formed CIDR), or undefined: it takes exactly a /28.
 * The one check behind the VpcConnector construct's error and the connector-subnet-must-be-28 finding.
 * @see https://cloud.google.com/run/docs/configuring/vpc-connectors#before_you_begin
 */
export function connectorSubnetProblem(cidr: string): string | undefined {
  const prefix = parseCidr(cidr).prefix;
  if (prefix === CONNECTOR_LIMITS.subnetPrefix) return undefined;
  return `connector subnet is ${cidr} (/${prefix}); a connector takes exactly a /${CONNECTOR_LIMITS.subnetPrefix}`;
}

/**
 * Problems with a connector's instance range, each as `[field, message]`: the one check behind the VpcConnector
 * construct's error and the connector-instances-in-range finding.
 */
export function connectorInstanceProblems(min: number, max: number): Array<[field: 'minInstances' | 'maxInstances', message: string]> {
  const problems: Array<['minInstances' | 'maxInstances', string]> = [];
  const { minInstances: lo, maxInstances: hi } = CONNECTOR_LIMITS;
  if (!Number.isInteger(min) || min < lo.low || min > lo.high) {
    problems.push(['minInstances', `minInstances is ${min}; a connector needs ${lo.low}..${lo.high}`]);
  }
  if (!Number.isInteger(max) || max < hi.low || max > hi.high) {
    problems.push(['maxInstances', `maxInstances is ${max}; a connector allows ${hi.low}..${hi.high}`]);
  }
  if (min >= max) problems.push(['maxInstances', `maxInstances (${max}) must be greater than minInstances (${min})`]);
  return problems;
}
