import { readFileSync } from 'node:fs';
import { isMap, LineCounter, parseDocument, Document } from 'yaml';
import { Finding, pathSegments } from '../validation/finding';
import { topologySchema } from '../rules/topology-schema';

/** A topology read from a file, with a way back from field paths to line numbers. */
export interface LoadedTopology {
  /** How messages name the file, e.g. `topology.yaml`. */
  readonly source: string;
  /** The parsed YAML, not yet validated. */
  readonly input: unknown;
  /** Problems that stopped parsing (YAML syntax); empty when `input` is usable. */
  readonly findings: readonly Finding[];
  /** 1-based line of the node at `path`, or of its nearest existing parent. */
  lineOf(path: string): number | undefined;
}

/** Parses topology YAML text. Never throws on bad input. */
export function parseTopology(text: string, source: string): LoadedTopology {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (path: string) => nodeLine(doc, lines, path);
  if (doc.errors.length > 0) {
    const findings = doc.errors.map<Finding>((e) => ({
      ruleId: topologySchema.id,
      severity: 'error',
      path: '',
      message: `YAML syntax: ${e.message.split('\n')[0]}`,
      fix: 'correct the YAML syntax at the line given',
      docUrl: topologySchema.docs.url,
      line: e.linePos?.[0]?.line,
    }));
    return { source, input: undefined, findings, lineOf };
  }
  return { source, input: doc.toJS({ maxAliasCount: 100 }), findings: [], lineOf };
}

/** Reads and parses a topology file. Throws only when the file cannot be read. */
export function loadTopologyFile(file: string, source = file): LoadedTopology {
  return parseTopology(readFileSync(file, 'utf8'), source);
}

function nodeLine(doc: Document, lines: LineCounter, path: string): number | undefined {
  const segments = pathSegments(path);
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      // Point at the key for mapping entries: the key is where a reader looks.
      const parent = n === 0 ? undefined : n === 1 ? doc.contents : doc.getIn(segments.slice(0, n - 1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === segments[n - 1]);
        const keyRange = (pair?.key as { range?: number[] } | null)?.range;
        if (keyRange) return lines.linePos(keyRange[0]).line;
      }
      return lines.linePos(node.range[0] as number).line;
    }
  }
  return undefined;
}
