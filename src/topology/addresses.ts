import { createHash } from 'node:crypto';
import { addressAt, Cidr, containsAddress, isIpv4Address } from '../network/cidr';

/**
 * Gives each load-balanced service a static address in the workload subnet. Pinned addresses are kept; the
 * others start at a slot derived from the service name (not from its position), so adding or removing a
 * service does not move anyone else's address, which GCP could only change by recreating it.
 * Slots skip the subnet's reserved addresses. Returns undefined for a service when the subnet is full.
 */
export function allocateAddresses(
  range: Cidr,
  services: ReadonlyArray<{ readonly name: string; readonly pinned?: string }>,
): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>();
  const taken = new Set<string>();
  for (const s of services) {
    if (s.pinned !== undefined && isIpv4Address(s.pinned) && containsAddress(range, s.pinned)) taken.add(s.pinned);
  }
  // The first 2 and last 2 addresses are reserved; start at offset 2.
  const slots = Math.max(0, range.size - 4);
  for (const s of [...services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (s.pinned !== undefined) {
      result.set(s.name, s.pinned);
      continue;
    }
    let address: string | undefined;
    const start = slots === 0 ? 0 : slotOf(s.name) % slots;
    for (let i = 0; i < slots && address === undefined; i++) {
      const candidate = addressAt(range, 2 + ((start + i) % slots));
      if (!taken.has(candidate)) address = candidate;
    }
    if (address !== undefined) taken.add(address);
    result.set(s.name, address);
  }
  return result;
}

function slotOf(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0);
}
