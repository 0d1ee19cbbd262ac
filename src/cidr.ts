import * as ipaddr from 'ipaddr.js';
import { remembered } from './memo';

/** An IPv4 range in CIDR notation, reduced to integers so ranges can be compared. */
export interface Cidr {
  /** The range as written, e.g. `10.10.0.0/24`. */
  readonly text: string;
  /** First address of the range as an unsigned 32-bit integer. */
  readonly start: number;
  /** Prefix length, 0..32. */
  readonly prefix: number;
  /** Number of addresses in the range. */
  readonly size: number;
}

/**
 * Ranges read so far, by text: the problem, or the range. A topology's few ranges are read by many rules and
 * constructs (each load balancer address is checked against its subnet), and reading one takes a regular expression
 * and ipaddr.js. A `Cidr` is read-only, so one object serves every caller. Bounded: cleared when full.
 */
const READ = new Map<string, string | Cidr>();
const READ_MAX = 10_000;

function read(text: string): string | Cidr {
  return remembered(READ, READ_MAX, text, (t) => readProblem(t) ?? rangeOf(t));
}

function rangeOf(text: string): Cidr {
  const [addr, prefix] = text.split('/');
  return { text, start: toInt(addr), prefix: Number(prefix), size: 2 ** (32 - Number(prefix)) };
}

/** Why a CIDR string could not be parsed, or `undefined` when it is a canonical IPv4 range. */
export function cidrProblem(text: string): string | undefined {
  const known = read(text);
  return typeof known === 'string' ? known : undefined;
}

function readProblem(text: string): string | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) return `${JSON.stringify(text)} is not an IPv4 range in CIDR notation (a.b.c.d/n)`;
  if (hasLeadingZero(text)) return leadingZeroProblem(text);
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.IPv4.parseCIDR(text);
  } catch {
    return `${JSON.stringify(text)} is not a valid IPv4 range`;
  }
  const [addr, prefix] = parsed;
  const start = toInt(addr.toString());
  const aligned = alignedStart(start, prefix);
  if (aligned !== start) {
    return `${JSON.stringify(text)} has host bits set; the range starts at ${fromInt(aligned)}/${prefix}`;
  }
  return undefined;
}

/** Parses a canonical IPv4 CIDR; throws on anything `cidrProblem` rejects. */
export function parseCidr(text: string): Cidr {
  const known = read(text);
  if (typeof known === 'string') throw new Error(known);
  return known;
}

/**
 * The range of length `prefix` that holds the first address of `range`, in canonical form (no host bits):
 * what to suggest when a range must grow or shrink. `10.0.0.64/27` at /24 is `10.0.0.0/24`, not `10.0.0.64/24`.
 */
export function resized(range: Cidr, prefix: number): string {
  return `${fromInt(alignedStart(range.start, prefix))}/${prefix}`;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start < b.start + b.size && b.start < a.start + a.size;
}

export function containsAddress(range: Cidr, address: string): boolean {
  const ip = toInt(address);
  return ip >= range.start && ip < range.start + range.size;
}

/** How far `address` (inside `range`) is from the start of `range`: the inverse of `addressAt`. */
export function offsetOf(range: Cidr, address: string): number {
  return toInt(address) - range.start;
}

/** The address `offset` places after the start of `range`. */
export function addressAt(range: Cidr, offset: number): string {
  if (offset < 0 || offset >= range.size) throw new Error(`offset ${offset} is outside ${range.text}`);
  return fromInt(range.start + offset);
}

/**
 * Addresses a subnet's primary range can hand out: GCP reserves four in every primary range
 * (network, default gateway, second-to-last, broadcast).
 * @see https://cloud.google.com/vpc/docs/subnets#unusable-ip-addresses-in-every-subnet
 */
export function usableAddresses(range: Cidr): number {
  return Math.max(0, range.size - 4);
}

/**
 * True for addresses a GCP subnet's reserved offsets never hand out:
 * the first two and the last two of the range.
 * @see https://cloud.google.com/vpc/docs/subnets#unusable-ip-addresses-in-every-subnet
 */
export function isReservedInSubnet(range: Cidr, address: string): boolean {
  const offset = toInt(address) - range.start;
  return offset < 2 || offset >= range.size - 2;
}

/**
 * The internal ranges Cloud Run treats as private: what `private-ranges-only` routes into the VPC and
 * what Serverless VPC Access can reach (RFC 1918 and RFC 6598).
 * @see https://cloud.google.com/vpc/docs/serverless-vpc-access
 */
export const PRIVATE_RANGES: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map(parseCidr);

export function isPrivate(range: Cidr): boolean {
  return PRIVATE_RANGES.some((p) => range.start >= p.start && range.start + range.size <= p.start + p.size);
}

export function isIpv4Address(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) && !hasLeadingZero(text) && ipaddr.IPv4.isValidFourPartDecimal(text);
}

/**
 * Whether a number in an address or range has a leading zero (`010.0.0.0`, `10.0.0.0/08`). Such a number is read as
 * octal by inet_aton and ipaddr.js (010 = 8) and as decimal by others (GCP, this module's arithmetic), so one text would
 * name two ranges: refused everywhere, never guessed.
 * @see https://man7.org/linux/man-pages/man3/inet_aton.3.html (numbers with a leading 0 are octal)
 */
export function hasLeadingZero(text: string): boolean {
  return /(^|[./])0\d/.test(text);
}

/** The finding text for a leading zero, with the decimal reading as the suggestion. */
export function leadingZeroProblem(text: string): string {
  const decimal = text.replace(/\d+/g, (n) => String(Number(n)));
  return `${JSON.stringify(text)} has a number with a leading zero, which some tools read as octal (010 = 8): write ${decimal} if decimal is meant`;
}

function toInt(address: string): number {
  return address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function fromInt(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function alignedStart(start: number, prefix: number): number {
  const block = 2 ** (32 - prefix);
  return Math.floor(start / block) * block;
}
