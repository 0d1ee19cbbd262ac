export type Severity = 'error' | 'warning';

/** One problem found in a topology. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Where the problem is, as a field path in the topology: `services[0].egress.route`. */
  readonly path: string;
  /** What is wrong, quoting the actual value. */
  readonly message: string;
  /** An imperative, concrete change that removes the problem. */
  readonly fix: string;
  /** The rule's documentation page. */
  readonly docUrl: string;
  /** 1-based line in the topology file, when the input came from a file. */
  readonly line?: number;
  /** 1-based column in the topology file, when known (YAML syntax problems). */
  readonly column?: number;
}

/** What a rule reports; the engine adds the rule's id, severity and doc URL. */
export interface Problem {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  /** Overrides the rule's default severity for this one problem. */
  readonly severity?: Severity;
}

/** `services[0].egress` as path segments: `['services', 0, 'egress']`. */
export function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]+)((\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    segments.push(match[1]);
    for (const index of match[2].match(/\d+/g) ?? []) segments.push(Number(index));
  }
  return segments.filter((s) => s !== '');
}

/** `['services', 0, 'egress']` as a field path: `services[0].egress`. */
export function formatPath(segments: ReadonlyArray<string | number>): string {
  return segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}

/**
 * A value as findings quote it: in JSON string form, so a quote, newline or terminal escape inside it can neither
 * end the quotation nor start a new line, and the exact value reads back from the message.
 */
export function quoted(value: unknown): string {
  return JSON.stringify(String(value));
}
