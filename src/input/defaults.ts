import { SubnetRole } from '../names';

/**
 * Default subnet ranges: disjoint, inside 10.10.0.0/20, each sized for its job.
 * - directVpc /22: Direct VPC egress holds about 2 addresses per instance in blocks of 16; a /22 fits five
 *   services at Cloud Run's default 100 instances.
 * - connector /28: the only size a connector takes.
 * - proxyOnly /23: Google's recommended size for a proxy-only subnet (at least /26).
 */
export const DEFAULT_SUBNET_CIDRS: Readonly<Record<SubnetRole, string>> = {
  workload: '10.10.0.0/24',
  directVpc: '10.10.4.0/22',
  connector: '10.10.8.0/28',
  proxyOnly: '10.10.10.0/23',
  // Beside the regional proxy-only subnet, for the cross-region internal load balancers; the same recommended size.
  globalProxyOnly: '10.10.12.0/23',
};

export const SUBNET_ROLES: readonly SubnetRole[] = ['workload', 'directVpc', 'connector', 'proxyOnly', 'globalProxyOnly'];

export const DEFAULTS = {
  ingress: 'internal',
  via: 'none',
  route: 'private-ranges-only',
  access: 'load-balancer',
  port: 8080,
  minInstances: 0,
  /** Cloud Run's own default maximum, written out. */
  maxInstances: 100,
  connector: { minInstances: 2, maxInstances: 3, machineType: 'e2-micro' },
  /** Room for many producer services (Cloud SQL, Memorystore) on one connection; Google suggests /16 or /20. */
  privateServiceAccessCidr: '10.30.0.0/20',
  /** Memorystore's smallest instance; Redis always serves on 6379. */
  redis: { tier: 'BASIC', memorySizeGb: 1, version: 'REDIS_7_2', connectMode: 'direct-peering', port: 6379 },
} as const;
