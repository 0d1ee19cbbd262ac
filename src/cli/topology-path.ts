/** Environment variable naming the topology file. */
export const TOPOLOGY_ENV = 'RUNNEL_TOPOLOGY';
export const DEFAULT_TOPOLOGY = 'topology.yaml';

/** The topology file to read: the flag, else $RUNNEL_TOPOLOGY, else ./topology.yaml. */
export function topologyPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env[TOPOLOGY_ENV] ?? DEFAULT_TOPOLOGY;
}
