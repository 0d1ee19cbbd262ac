import { Finding } from '../finding';
import { formatFinding, oneLine } from '../check/report';

/** How findings are printed: one line each (stderr), one JSON document (stdout), or GitHub Actions annotations. */
export type FindingsFormat = 'text' | 'json' | 'github';
export const FINDINGS_FORMATS: readonly FindingsFormat[] = ['text', 'json', 'github'];

/**
 * GitHub Actions workflow commands: `%`, CR and LF escaped in the message; in properties also `:` and `,`.
 * The encoding of GitHub's own runner toolkit (actions/toolkit, packages/core/src/command.ts: escapeData, escapeProperty).
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error file=…,line=…::…` (or `::warning`) line per finding; GitHub shows it on the line of the file. */
export function githubAnnotation(source: string, f: Finding): string {
  const props = [`file=${escapeProperty(source)}`];
  if (f.line !== undefined) props.push(`line=${f.line}`);
  if (f.column !== undefined) props.push(`col=${f.column}`);
  props.push(`title=${escapeProperty(`runnel ${f.ruleId}`)}`);
  const text = `${f.path || '(top level)'}: ${f.message} (fix: ${f.fix}) [${f.docUrl}]`;
  return `::${f.severity} ${props.join(',')}::${escapeData(oneLine(text))}`;
}

export interface FindingsOutput {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Prints findings in `format`; `quiet` keeps errors only (eslint's --quiet). */
export function printFindings(
  source: string,
  findings: readonly Finding[],
  format: FindingsFormat,
  quiet: boolean,
  io: FindingsOutput,
): void {
  const shown = quiet ? findings.filter((f) => f.severity === 'error') : findings;
  if (format === 'json') {
    io.out(JSON.stringify({ source, findings: shown }, null, 2));
    return;
  }
  if (format === 'github') {
    // Workflow commands are read from standard output.
    for (const f of shown) io.out(githubAnnotation(source, f));
    return;
  }
  for (const f of shown) io.err(formatFinding(source, f));
}
