import { Finding } from '../finding';

/**
 * `text` made safe to print as (part of) one line: line breaks, other control characters (ANSI escapes begin
 * with one) and Unicode line/paragraph separators are written as JSON escapes (`\n`, `\u001b`), so a value can
 * neither forge another line nor drive the terminal.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const escaped = JSON.stringify(c).slice(1, -1);
    return escaped.length > 1 ? escaped : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** One line per finding: `topology.yaml:12: services[0].egress.route: <what> (fix: <how>)`. */
export function formatFinding(source: string, f: Finding): string {
  const warning = f.severity === 'warning' ? 'warning: ' : '';
  const environment = f.environment !== undefined && !f.path.startsWith('environments.') ? `[${f.environment}] ` : '';
  return oneLine(`${source}: ${environment}${f.path || '(top level)'}: ${warning}${f.message} (fix: ${f.fix})`);
}

export function formatFindings(source: string, findings: readonly Finding[]): string {
  return findings.map((f) => formatFinding(source, f)).join('\n');
}

/** Thrown when a topology has errors; its message lists every finding. */
export class RunnelValidationError extends Error {
  constructor(
    public readonly source: string,
    public readonly findings: readonly Finding[],
  ) {
    super(`${source} has ${findings.filter((f) => f.severity === 'error').length} problem(s):\n${formatFindings(source, findings)}`);
    this.name = 'RunnelValidationError';
  }
}
