/**
 * Synthesis speed and memory, measured (never asserted in tests). Run: npm run bench
 * Prints, per topology size, the median wall time of validate+render and the heap growth.
 */
import { synthesizeTopology } from '../src/synth';

function topology(services: number) {
  const names = Array.from({ length: services }, (_, i) => `svc-${i}`);
  return {
    project: 'acme-prod',
    region: 'asia-northeast1',
    network: { name: 'run-vpc', subnets: { directVpc: { cidr: '10.12.0.0/16' }, workload: { cidr: '10.11.0.0/20' } } },
    services: names.map((name, i) => ({
      name,
      image: `asia-northeast1-docker.pkg.dev/acme-prod/run/${name}:1.0.0`,
      egress: i % 3 === 0 ? { via: 'connector', route: 'all-traffic' } : { via: 'direct-vpc' },
      internet: i % 3 === 0,
      calls: names.filter((_, j) => j !== i && (j - i + services) % services <= 2),
      scaling: { maxInstances: 10 },
    })),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

for (const size of [3, 25, 100, 250]) {
  const input = topology(size);
  synthesizeTopology(input); // warm-up
  const times: number[] = [];
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let objects = 0;
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    const result = synthesizeTopology(input);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.findings.some((f) => f.severity === 'error')) throw new Error(`bench topology ${size} is invalid: ${result.findings[0].message}`);
    objects = result.files.reduce((n, f) => n + f.objects.length, 0);
  }
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(`${String(size).padStart(4)} services  ${String(objects).padStart(5)} objects  median ${median(times).toFixed(1).padStart(7)} ms  heap +${heapMb.toFixed(1)} MB`);
}
