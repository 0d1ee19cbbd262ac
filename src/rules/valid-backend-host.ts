import { hasLeadingZero, isIpv4Address } from '../cidr';
import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/** A host name label (RFC 1123 section 2.1: may start with a digit): letters, digits, inner hyphens, 1-63 characters. */
const LABEL = /^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?$/;

/**
 * What is wrong with a backend host, or undefined: an IPv4 address in dotted decimal (no leading zeros) or a DNS
 * host name of at most 253 characters (RFC 1123). All-numeric dotted text must be a valid address.
 * @see https://www.rfc-editor.org/rfc/rfc1123#section-2.1
 */
export function hostProblem(host: string): string | undefined {
  if (/^[\d.]+$/.test(host)) {
    if (isIpv4Address(host)) return undefined;
    return hasLeadingZero(host)
      ? `${JSON.stringify(host)} has a number with a leading zero, which some clients read as octal`
      : `${JSON.stringify(host)} is not an IPv4 address`;
  }
  if (host.length > 253 || !host.split('.').every((label) => LABEL.test(label))) {
    return `${JSON.stringify(host)} is neither an IPv4 address nor a DNS host name (letters, digits, inner hyphens, dot-separated)`;
  }
  return undefined;
}

/**
 * A backend's host becomes its users' `<NAME>_HOST` variable and a label of the topology diagram: it is an address
 * or a host name, nothing else (no port, scheme, path, spaces or line breaks).
 */
export const validBackendHost = defineRule({
  id: 'valid-backend-host',
  severity: 'error',
  summary: 'A backend host is an IPv4 address or a DNS host name.',
  check(model: TopologyModel): Problem[] {
    return model.backends.flatMap((b) => {
      const problem = b.host === undefined ? undefined : hostProblem(b.host);
      return problem
        ? [
            {
              path: b.hostPath,
              message: problem,
              fix: `set ${b.hostPath} to the address or host name alone, e.g. 10.20.0.5 or orders-db.internal.acme.example (the port goes in endpoint.port)`,
            },
          ]
        : [];
    });
  },
});
