import { createHash } from 'node:crypto';
import { addressAt, Cidr } from '../cidr';
import { remembered } from '../memo';

/**
 * Gives each load-balanced service a static address in the workload subnet: the pinned one, or one derived
 * from the service's name and the subnet's range alone. Nothing else enters the derivation (no other service,
 * no order, no probing past a taken slot), so adding or removing a service can never move anyone else's
 * address, which GCP could only change by recreating it and every caller's URL with it. Two services whose
 * addresses meet get the same one here; `lb-address-must-be-usable` refuses that and names a free address to
 * pin, so the topology is fixed once, in review, instead of an existing address moving silently.
 * Slots skip the subnet's reserved addresses. Returns undefined for a service when the subnet has no usable
 * address at all.
 */
export function allocateAddresses(
  range: Cidr,
  services: ReadonlyArray<{ readonly name: string; readonly pinned?: string }>,
): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>();
  for (const s of services) result.set(s.name, s.pinned ?? derivedAddress(range, s.name));
  return result;
}

/** The address `name` derives in `range`: a slot from a hash of the name, past the two reserved first addresses. */
export function derivedAddress(range: Cidr, name: string): string | undefined {
  // The first 2 and last 2 addresses are reserved; start at offset 2.
  const slots = range.size - 4;
  if (slots <= 0) return undefined;
  return addressAt(range, 2 + (slotOf(name) % slots));
}

/** The first usable address of `range` outside `taken`, to suggest as a pin. */
export function firstFreeAddress(range: Cidr, taken: ReadonlySet<string>): string | undefined {
  for (let i = 2; i < range.size - 2; i++) {
    const candidate = addressAt(range, i);
    if (!taken.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Slots already hashed, by name: a topology is resolved by every check and synth, and again for each environment
 * and each region, and a hash costs more than the rest of the derivation. Bounded: cleared when full.
 */
const SLOTS = new Map<string, number>();

function slotOf(name: string): number {
  return remembered(SLOTS, 10_000, name, (n) => createHash('sha256').update(n).digest().readUInt32BE(0));
}
