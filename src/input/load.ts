import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Document, visit } from 'yaml';
import { Finding, formatPath, pathSegments } from '../finding';
import { fastParse } from './fast-yaml';

/** The rule a file that is not readable YAML is reported under: the topology's shape (src/rules/topology-schema.ts). */
export const SHAPE_RULE_ID = 'topology-schema';

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

/** The largest topology file runnel reads: far above any real topology, and bounded memory for a wrong file. */
export const MAX_TOPOLOGY_BYTES = 4 * 1024 * 1024;

/** Nesting deeper than this is no topology (the deepest field is about 6 levels down). */
export const MAX_DEPTH = 64;

/** Why a topology file is refused before parsing: one line, with the change that lets runnel read it. */
export class TopologyFileRefused extends Error {
  constructor(
    message: string,
    public readonly fix: string,
  ) {
    super(message);
    this.name = 'TopologyFileRefused';
  }
}

/** The YAML 1.2 core schema's tags: the only ones a topology needs; others (`!!binary`, `!!set`) are refused. */
const CORE_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

/**
 * Parses topology YAML text. Never throws on bad input. A plain document takes the fast path (src/input/
 * fast-yaml.ts); its line numbers are found only if a finding asks for one.
 */
export function parseTopology(text: string, source: string): LoadedTopology {
  const fast = fastParse(text);
  if (fast === undefined) return parseCarefully(text, source);
  let careful: LoadedTopology | undefined;
  return { source, input: fast, findings: [], lineOf: (path) => (careful ??= parseCarefully(text, source)).lineOf(path) };
}

/** The `yaml` library's document model: line numbers, syntax errors, and every shape a topology refuses. */
export function parseCarefully(text: string, source: string): LoadedTopology {
  const lines = new LineCounter();
  // logLevel 'error': yaml would print a Node warning for a mapping used as a key; it is reported as a finding below.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const lineOf = (path: string) => nodeLine(doc, lines, path);
  const at = (offset: number | undefined, message: string, fix: string, path: ReadonlyArray<string | number> = []): Finding => {
    const pos = offset === undefined ? undefined : lines.linePos(offset);
    return {
      ruleId: SHAPE_RULE_ID,
      severity: 'error',
      path: formatPath(path),
      message: pos ? `${message} at line ${pos.line}, column ${pos.col}` : message,
      fix,
      docUrl: `docs/rules/${SHAPE_RULE_ID}.md`,
      line: pos?.line,
      column: pos?.col,
    };
  };
  if (doc.errors.length > 0) {
    const findings = doc.errors.map<Finding>((e) =>
      /call stack/i.test(e.message)
        ? at(e.pos[0], `YAML nests too deeply to read`, `a topology nests at most a few levels: remove the extra nesting`)
        : at(
            e.pos[0],
            `YAML syntax: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
            'correct the YAML syntax there',
          ),
    );
    return { source, input: undefined, findings, lineOf };
  }
  const shape = shapeFindings(doc, text.length, at);
  if (shape.length > 0) return { source, input: undefined, findings: shape, lineOf };
  // Aliases were counted above against the document's size, so yaml's own fixed limit (100) is off.
  return { source, input: doc.toJS({ maxAliasCount: -1 }), findings: [], lineOf };
}

/**
 * What YAML can say but a topology cannot, found on the syntax tree so each has a line: aliases that expand far
 * beyond the document (a "billion laughs" bomb; ordinary anchors and aliases are fine), mappings used as keys,
 * tags outside the core schema (`!!binary`), `.inf`/`.nan`, and nesting deeper than {@link MAX_DEPTH}.
 */
type At = (offset: number | undefined, message: string, fix: string, path?: ReadonlyArray<string | number>) => Finding;

/**
 * The node each alias refers to, found in one pass over the document. `Alias.resolve` searches the whole document
 * for the anchor each time it is called, so a topology with an alias per service (a shared block, `*defaults`) took
 * quadratic time: over 20 s for 1,000 services. As there, an alias refers to the last node before it, in document order,
 * that carries its anchor (an anchored node comes before its children).
 * @see https://eemeli.org/yaml/#alias-nodes
 */
export function aliasTargets(doc: Document): Map<unknown, unknown> {
  const anchors = new Map<string, unknown>();
  const targets = new Map<unknown, unknown>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

function shapeFindings(doc: Document, textLength: number, at: At): Finding[] {
  const findings: Finding[] = [];
  const targets = aliasTargets(doc);
  // An alias expands to its anchor's whole node; the budget grows with the document, as the issue asks.
  const budget = Math.max(10_000, 10 * textLength);
  const sizes = new Map<unknown, number>();
  let expanded = 0;
  let bombReported = false;
  const sizeOf = (node: unknown, depth: number): number => {
    if (depth > MAX_DEPTH) return 1;
    if (isAlias(node)) {
      const target = targets.get(node);
      if (!target) return 1;
      if (!sizes.has(target)) sizes.set(target, sizeOf(target, depth + 1));
      return sizes.get(target)!;
    }
    if (isMap(node) || isSeq(node)) {
      let sum = 1;
      for (const item of node.items as unknown[])
        sum += isPair(item) ? sizeOf(item.key, depth + 1) + sizeOf(item.value, depth + 1) : sizeOf(item, depth + 1);
      return sum;
    }
    return 1;
  };
  let tooDeep = false;
  const walk = (node: unknown, path: Array<string | number>): void => {
    if (node === null || node === undefined) return;
    const depth = path.length;
    const range = (node as { range?: number[] }).range;
    if (depth > MAX_DEPTH) {
      if (!tooDeep)
        findings.push(
          at(
            range?.[0],
            `YAML nests more than ${MAX_DEPTH} levels deep`,
            'a topology nests at most a few levels: remove the extra nesting',
            path.slice(0, 3),
          ),
        );
      tooDeep = true;
      return;
    }
    if (isAlias(node)) {
      const target = targets.get(node) as { range?: number[] } | undefined;
      if (target?.range && range && target.range[0] <= range[0] && range[1] <= target.range[1]) {
        findings.push(
          at(
            range[0],
            `the alias *${node.source} is inside the node it refers to`,
            'write the value out instead of a self-referring alias',
            path,
          ),
        );
        return;
      }
      expanded += sizeOf(node, depth);
      if (expanded > budget && !bombReported) {
        bombReported = true;
        findings.push(
          at(
            range?.[0],
            `YAML aliases expand to more than ${budget} values, far beyond the document's size`,
            'write the values out instead of nesting aliases of aliases',
            path,
          ),
        );
      }
      return;
    }
    const tag = (node as { tag?: string }).tag;
    if (tag !== undefined && !CORE_TAGS.has(tag) && (isScalar(node) || isMap(node) || isSeq(node))) {
      findings.push(
        at(
          range?.[0],
          `the YAML tag ${JSON.stringify(tag.replace('tag:yaml.org,2002:', '!!'))} is not supported`,
          'remove the tag and write the value as plain text, a list or a mapping',
          path,
        ),
      );
      return;
    }
    if (isScalar(node)) {
      if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
        findings.push(
          at(
            range?.[0],
            `${JSON.stringify(String(node.source ?? node.value))} is not a finite number`,
            'write a number, or quote the value to make it a string',
            path,
          ),
        );
      }
      return;
    }
    if (isMap(node) || isSeq(node)) {
      (node.items as unknown[]).forEach((item, index) => {
        if (!isPair(item)) {
          walk(item, [...path, index]);
          return;
        }
        if (isMap(item.key) || isSeq(item.key) || isAlias(item.key)) {
          findings.push(
            at(
              (item.key as { range?: number[] }).range?.[0],
              'a mapping key is a list, a mapping or an alias',
              'use a plain name as the key',
              path,
            ),
          );
          return;
        }
        const key = isScalar(item.key) ? String(item.key.value) : '';
        walk(item.key, [...path, key]);
        walk(item.value, [...path, key]);
      });
    }
  };
  walk(doc.contents, []);
  return findings;
}

/**
 * Reads and parses a topology file. Throws only when the file cannot be read: {@link TopologyFileRefused} for
 * something that is not a regular file (a device, a FIFO, a folder) or is larger than {@link MAX_TOPOLOGY_BYTES},
 * which is checked on the open file, without reading it, and without blocking on a FIFO.
 */
export function loadTopologyFile(file: string, source = file): LoadedTopology {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const kind = stat.isDirectory()
        ? 'a folder'
        : stat.isFIFO()
          ? 'a pipe'
          : stat.isCharacterDevice() || stat.isBlockDevice()
            ? 'a device'
            : stat.isSocket()
              ? 'a socket'
              : 'not a file';
      throw new TopologyFileRefused(`it is ${kind}, not a regular file`, 'pass a topology file (YAML) with --topology FILE');
    }
    if (stat.size > MAX_TOPOLOGY_BYTES) {
      throw new TopologyFileRefused(
        `it has ${stat.size} bytes, more than the ${MAX_TOPOLOGY_BYTES} (4 MiB) runnel reads`,
        'pass the topology file itself; a topology is far smaller',
      );
    }
    const buffer = Buffer.alloc(MAX_TOPOLOGY_BYTES + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length <= MAX_TOPOLOGY_BYTES; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_TOPOLOGY_BYTES)
      throw new TopologyFileRefused(
        `it grew past the ${MAX_TOPOLOGY_BYTES} bytes (4 MiB) runnel reads`,
        'pass the topology file itself; a topology is far smaller',
      );
    return parseTopology(buffer.subarray(0, length).toString('utf8'), source);
  } finally {
    closeSync(fd);
  }
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
