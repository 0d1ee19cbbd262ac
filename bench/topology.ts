/**
 * Generated topologies for the benchmark: `size` services mixing every path runnel knows. Per group of six:
 * a Direct VPC caller (private ranges) using the group's Redis instance, the shared database and a secret; a
 * connector caller routing all traffic with internet through NAT; two load-balanced callees; one callee reached
 * through Private Google Access; one service alone behind an HTTPS load balancer for clients outside the
 * topology. Private DNS names the load balancers; a Private Service Connect endpoint serves Google APIs. With
 * `loadBalancing: 'shared'`, one internal load balancer serves every load-balanced callee.
 * Ranges are wide enough for 1,000 services.
 */
import { parseCidr } from '../src/cidr';
import { derivedAddress, firstFreeAddress } from '../src/model/addresses';

/** The bench's workload subnet, where per-service load balancers take their addresses. */
const WORKLOAD_CIDR = '10.20.0.0/20';

export interface BenchOptions {
  /**
   * `shared`: every load-balanced callee behind one shared internal load balancer (`loadBalancing.mode: shared`), HTTPS
   * with one wildcard Certificate Manager certificate beside HTTP; the HTTPS-only services of role 5 are then plain
   * `loadBalancer: {}` members of it.
   * @default 'per-service'
   */
  readonly loadBalancing?: 'per-service' | 'shared';
}

export function benchTopology(size: number, options: BenchOptions = {}): Record<string, unknown> {
  const shared = options.loadBalancing === 'shared';
  const name = (i: number) => `svc-${String(i).padStart(4, '0')}`;
  const cache = (i: number) => `cache-${String(Math.floor(i / 6)).padStart(3, '0')}`;
  const services = Array.from({ length: size }, (_, i) => {
    const role = i % 6;
    const base = {
      name: name(i),
      image: `asia-northeast1-docker.pkg.dev/acme-prod/run/${name(i)}:1.0.0`,
      scaling: { maxInstances: 4 },
    };
    // Callers call the services two and three after them in their group, when those exist.
    const calls = [i + 2, i + 3].filter((j) => j < size && Math.floor(j / 6) === Math.floor(i / 6)).map(name);
    switch (role) {
      case 0:
        return {
          ...base,
          egress: { via: 'direct-vpc' },
          calls,
          env: { LOG_LEVEL: 'info' },
          uses: [cache(i), 'orders-db'],
          secrets: { DB_PASSWORD: { secret: 'orders-db-password' } },
        };
      case 1:
        // Calls a load-balanced callee and the private-google-access one (all-traffic routing makes that valid).
        return { ...base, egress: { via: 'connector', route: 'all-traffic' }, internet: true, calls };
      case 4:
        return { ...base, access: 'private-google-access' };
      case 5:
        return { ...base, loadBalancer: shared ? {} : { https: { certificateSecret: `${name(i)}-tls` } } };
      default:
        return base;
    }
  });
  if (!shared) pinCollidingAddresses(services);
  return {
    project: 'acme-prod',
    projectNumber: '123456789012',
    region: 'asia-northeast1',
    network: {
      name: 'run-vpc',
      subnets: { workload: { cidr: WORKLOAD_CIDR }, directVpc: { cidr: '10.24.0.0/16' } },
      connector: { maxInstances: 10 },
    },
    dns: { domain: 'internal.acme.example', runApp: true },
    ...(shared ? { loadBalancing: { mode: 'shared', https: { certificateManagerCertificate: 'internal-wildcard' }, http: true } } : {}),
    googleApis: { privateServiceConnect: { address: '10.255.255.254' } },
    secrets: [{ name: 'orders-db-password' }],
    backends: [
      { name: 'orders-db', endpoint: { host: '10.30.0.3', port: 5432 } },
      // One Redis instance per group, its address set as after the first apply.
      ...Array.from({ length: Math.ceil(size / 6) }, (_, g) => ({
        name: cache(g * 6),
        redis: {},
        host: `10.40.${Math.floor(g / 256)}.${g % 256}`,
      })),
    ],
    services,
  };
}

/**
 * Per-service load balancers (roles 2, 3 and 5) derive their addresses from their names; at a few hundred, some
 * derive the same one, which lb-address-must-be-usable refuses. Pins each later one of those to a free address, as
 * a user would on that finding, so every size synthesizes.
 */
function pinCollidingAddresses(services: Array<Record<string, unknown>>): void {
  const range = parseCidr(WORKLOAD_CIDR);
  const balanced = services.filter((_, i) => [2, 3, 5].includes(i % 6));
  const taken = new Set(balanced.map((s) => derivedAddress(range, String(s.name))!));
  const owned = new Set<string>();
  for (const s of balanced) {
    const address = derivedAddress(range, String(s.name))!;
    if (!owned.has(address)) {
      owned.add(address);
      continue;
    }
    const free = firstFreeAddress(range, taken)!;
    taken.add(free);
    owned.add(free);
    s.loadBalancer = { ...(s.loadBalancer as object | undefined), address: free };
  }
}
