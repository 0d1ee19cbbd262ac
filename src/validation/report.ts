import { Finding } from './finding';

/** One line per finding: `topology.yaml: services[0].egress.route: <what> (fix: <how>)`. */
export function formatFinding(source: string, f: Finding): string {
  const warning = f.severity === 'warning' ? 'warning: ' : '';
  return `${source}: ${f.path || '(top level)'}: ${warning}${f.message} (fix: ${f.fix})`;
}

export function formatFindings(source: string, findings: readonly Finding[]): string {
  return findings.map((f) => formatFinding(source, f)).join('\n');
}

/** Thrown when a topology has errors; its message lists every finding. */
export class RunnelValidationError extends Error {
  constructor(public readonly source: string, public readonly findings: readonly Finding[]) {
    super(`${source} has ${findings.filter((f) => f.severity === 'error').length} problem(s):\n${formatFindings(source, findings)}`);
    this.name = 'RunnelValidationError';
  }
}
