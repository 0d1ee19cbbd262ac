/**
 * Kubernetes quantities as Cloud Run reads them (the schema has already checked their form): CPU in vCPUs
 * (`2`, `0.5`, `500m`) and memory in bytes (`512Mi`, `1Gi`, `1G`).
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */

/** Cloud Run's defaults when a container sets no limit: 1 vCPU and 512 MiB. https://cloud.google.com/run/docs/configuring/services/cpu */
export const DEFAULT_CPU = 1;
export const DEFAULT_MEMORY = 512 * 2 ** 20;

export const MIB = 2 ** 20;
export const GIB = 2 ** 30;

/** vCPUs of a CPU quantity, or undefined when it is not one. */
export function cpuOf(quantity: string | undefined): number | undefined {
  if (quantity === undefined) return DEFAULT_CPU;
  const milli = /^([0-9]+)m$/.exec(quantity);
  if (milli) return Number(milli[1]) / 1000;
  return /^[0-9]+(\.[0-9]+)?$/.test(quantity) ? Number(quantity) : undefined;
}

const UNITS: Record<string, number> = { '': 1, Ki: 2 ** 10, Mi: MIB, Gi: GIB, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Bytes of a memory quantity, or undefined when it is not one. */
export function memoryOf(quantity: string | undefined): number | undefined {
  if (quantity === undefined) return DEFAULT_MEMORY;
  const m = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  return m ? Number(m[1]) * UNITS[m[2] ?? ''] : undefined;
}
