/**
 * Generated topologies for the benchmark: `size` services mixing every path runnel knows. Per group of six:
 * a Direct VPC caller (private ranges) using the group's Redis instance, the shared database and a secret; a
 * connector caller routing all traffic with internet through NAT; two load-balanced callees; one callee reached
 * through Private Google Access; one service alone behind an HTTPS load balancer for clients outside the
 * topology. Private DNS names the load balancers; a Private Service Connect endpoint serves Google APIs.
 * Ranges are wide enough for 1,000 services. Load balancers pin their addresses, one per service in order, as a
 * team at this scale would: derived addresses meet by chance (about 35 times in 1,000), and runnel refuses a
 * meeting rather than move an address (lb-address-must-be-usable). With `loadBalancing: 'shared'`, one internal
 * load balancer serves every load-balanced callee, at its one derived address.
 */
export interface BenchOptions {
  /**
   * `shared`: every load-balanced callee behind one shared internal load balancer (`loadBalancing.mode: shared`), HTTPS
   * with one wildcard Certificate Manager certificate beside HTTP; the HTTPS-only services of role 5 are then plain
   * `loadBalancer: {}` members of it.
   * @default 'per-service'
   */
  readonly loadBalancing?: 'per-service' | 'shared';
  /**
   * `2`: two regions (asia-northeast1, asia-northeast2) with failover. Every service runs in both with a warm instance
   * each, except the Private Google Access callees (role 4), whose run.app URL names one region; callees are behind
   * cross-region load balancers with geo DNS. No Redis (a Redis instance is the first region's; multi-region-scope), and
   * HTTPS from a global Certificate Manager certificate (the only kind a cross-region load balancer takes).
   * @default 1
   */
  readonly regions?: 1 | 2;
}

export function benchTopology(size: number, options: BenchOptions = {}): Record<string, unknown> {
  const shared = options.loadBalancing === 'shared';
  const two = options.regions === 2;
  const inBoth = two ? { regions: ['asia-northeast1', 'asia-northeast2'], failover: { minInstancesPerRegion: 1 } } : {};
  const name = (i: number) => `svc-${String(i).padStart(4, '0')}`;
  const cache = (i: number) => `cache-${String(Math.floor(i / 6)).padStart(3, '0')}`;
  const services = Array.from({ length: size }, (_, i) => {
    const role = i % 6;
    const base = {
      ...(role === 4 ? {} : inBoth),
      name: name(i),
      image: `asia-northeast1-docker.pkg.dev/acme-prod/run/${name(i)}:1.0.0`,
      scaling: { maxInstances: 4 },
    };
    // Inside the workload subnet 10.20.0.0/20, clear of the addresses GCP reserves at its start.
    const address = `10.20.${Math.floor((i + 16) / 256)}.${(i + 16) % 256}`;
    // Callers call the services two and three after them in their group, when those exist.
    const calls = [i + 2, i + 3].filter((j) => j < size && Math.floor(j / 6) === Math.floor(i / 6)).map(name);
    switch (role) {
      case 0:
        return {
          ...base,
          egress: { via: 'direct-vpc' },
          calls,
          env: { LOG_LEVEL: 'info' },
          uses: two ? ['orders-db'] : [cache(i), 'orders-db'],
          secrets: { DB_PASSWORD: { secret: 'orders-db-password' } },
        };
      case 1:
        // Calls a load-balanced callee and the private-google-access one (all-traffic routing makes that valid).
        return { ...base, egress: { via: 'connector', route: 'all-traffic' }, internet: true, calls };
      case 4:
        return { ...base, access: 'private-google-access' };
      case 5:
        return {
          ...base,
          loadBalancer: shared
            ? {}
            : { address, https: two ? { certificateManagerCertificate: `${name(i)}-cert` } : { certificateSecret: `${name(i)}-tls` } },
        };
      default:
        // Shared mode: the callee is behind the shared load balancer by being called; addresses are its.
        return shared ? base : { ...base, loadBalancer: { address } };
    }
  });
  return {
    project: 'acme-prod',
    projectNumber: '123456789012',
    ...(two ? { regions: ['asia-northeast1', 'asia-northeast2'] } : { region: 'asia-northeast1' }),
    network: {
      name: 'run-vpc',
      subnets: { workload: { cidr: '10.20.0.0/20' }, directVpc: { cidr: '10.24.0.0/16' } },
      // The second region's workload range has the first's size, so each address takes the same place in it.
      ...(two
        ? { regions: { 'asia-northeast2': { subnets: { workload: { cidr: '10.21.0.0/20' }, directVpc: { cidr: '10.25.0.0/16' } } } } }
        : {}),
      // A connector name has at most 25 characters, and the second region's ends in -asia-northeast2.
      connector: { maxInstances: 10, ...(two ? { name: 'conn' } : {}) },
    },
    dns: { domain: 'internal.acme.example', runApp: true },
    ...(shared ? { loadBalancing: { mode: 'shared', https: { certificateManagerCertificate: 'internal-wildcard' }, http: true } } : {}),
    googleApis: { privateServiceConnect: { address: '10.255.255.254' } },
    secrets: [{ name: 'orders-db-password' }],
    backends: [
      { name: 'orders-db', endpoint: { host: '10.30.0.3', port: 5432 } },
      // One Redis instance per group, its address set as after the first apply.
      ...Array.from({ length: two ? 0 : Math.ceil(size / 6) }, (_, g) => ({
        name: cache(g * 6),
        redis: {},
        host: `10.40.${Math.floor(g / 256)}.${g % 256}`,
      })),
    ],
    services,
  };
}
