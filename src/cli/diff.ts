import { Manifest } from '../manifest';
import { parseAllDocuments } from 'yaml';
import { cidrProblem, parseCidr } from '../cidr';
import IMMUTABLE from './immutable-fields.json';

type Obj = Manifest;

/** A file of an output folder: its path inside the folder and its text. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
  /**
   * The objects `content` holds, when the caller has them (a synthesis just made, `RenderedFile`): the diff reads
   * them instead of parsing the YAML again, half of its time. A file of none (a plain YAML file) is parsed.
   * @default parsed from `content`
   */
  readonly objects?: ReadonlyArray<unknown>;
}

/** Why a change cannot be made in place, and where that is written. */
export interface Recreate {
  readonly reason: string;
  readonly source: string;
}

export interface FieldChange {
  /** Dotted path, list items by index: `spec.template.containers[0].image`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  /** Set when GCP cannot apply the change in place. */
  readonly recreate?: Recreate;
}

export interface ResourceChange {
  readonly change: 'added' | 'changed' | 'removed';
  /** `Kind/name`, or the file path for a document that is not a Kubernetes object. */
  readonly resource: string;
  readonly file: string;
  readonly fields: readonly FieldChange[];
}

interface Entry {
  readonly resource: string;
  readonly file: string;
  readonly doc: Obj;
  /** The whole text of a file that is not YAML (TOPOLOGY.md). */
  readonly text?: string;
}

/** Expanding a subnet's range in place is the only change GCP allows to it. */
const SUBNET_EXPANSION_DOC = 'https://cloud.google.com/vpc/docs/create-modify-vpc-networks#expand-subnet';

/**
 * What changes between two renderings of the output, resource by resource: added, changed (with each changed
 * field and whether GCP can apply it in place) and removed. Resources are matched by kind, namespace and name,
 * so moving one between files is no change.
 */
export function diffOutputs(before: readonly OutputFile[], after: readonly OutputFile[]): ResourceChange[] {
  const old = index(before);
  const now = index(after);
  const changes: ResourceChange[] = [];
  for (const [key, e] of now) {
    const was = old.get(key);
    if (!was) {
      changes.push({ change: 'added', resource: e.resource, file: e.file, fields: [] });
      continue;
    }
    const fields =
      e.text !== undefined ? textChange(was.text, e.text) : fieldChanges(was.doc, e.doc, '').map((f) => withRecreate(e.doc, f));
    if (fields.length > 0) changes.push({ change: 'changed', resource: e.resource, file: e.file, fields });
  }
  for (const [key, e] of old) if (!now.has(key)) changes.push({ change: 'removed', resource: e.resource, file: e.file, fields: [] });
  const order = { removed: 0, changed: 1, added: 2 };
  return changes.sort((a, b) => order[a.change] - order[b.change] || cmp(a.resource, b.resource));
}

/** The report `runnel diff` prints. */
export function formatDiff(changes: readonly ResourceChange[], against: string): string {
  const lines = [`runnel diff: the current synthesis against ${against}`];
  if (changes.length === 0) return [...lines, '  no changes'].join('\n');
  const sign = { added: '+', changed: '~', removed: '-' };
  for (const c of changes) {
    lines.push(`  ${sign[c.change]} ${c.change.padEnd(7)} ${c.resource}  (${c.file})`);
    for (const f of c.fields) {
      lines.push(`      ${f.path}: ${show(f.before)} -> ${show(f.after)}`);
      if (f.recreate) lines.push(`        ! recreate: ${f.recreate.reason} (${f.recreate.source})`);
    }
  }
  const count = (k: ResourceChange['change']) => changes.filter((c) => c.change === k).length;
  const recreate = changes.filter((c) => c.fields.some((f) => f.recreate)).length;
  lines.push(
    `${count('added')} added, ${count('changed')} changed, ${count('removed')} removed; ${recreate} resource(s) must be recreated or the apply is rejected`,
  );
  return lines.join('\n');
}

/** Whether the changes hold one GCP cannot make in place. */
export function needsRecreate(changes: readonly ResourceChange[]): boolean {
  return changes.some((c) => c.fields.some((f) => f.recreate));
}

/** The changes as one JSON document (`runnel diff --format json`). */
export function diffJson(changes: readonly ResourceChange[], against: string): string {
  const count = (k: ResourceChange['change']) => changes.filter((c) => c.change === k).length;
  return JSON.stringify(
    {
      against,
      summary: { added: count('added'), changed: count('changed'), removed: count('removed'), recreate: needsRecreate(changes) },
      changes,
    },
    null,
    2,
  );
}

/** The changes as Markdown for a pull-request comment (`runnel diff --format markdown`). */
export function diffMarkdown(changes: readonly ResourceChange[], against: string): string {
  const cell = (x: string) => x.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [`### runnel diff against ${cell(against)}`, ''];
  if (changes.length === 0) return [...lines, 'No changes.'].join('\n');
  const recreates = changes.filter((c) => c.fields.some((f) => f.recreate));
  if (recreates.length > 0) {
    lines.push(
      `> [!WARNING]`,
      `> ${recreates.length} resource(s) cannot change in place: ${recreates.map((c) => `\`${c.resource}\``).join(', ')}`,
      '',
    );
  }
  lines.push('| | resource | file | fields |', '|---|---|---|---|');
  const sign = { added: '➕ added', changed: '✏️ changed', removed: '➖ removed' };
  for (const c of changes) {
    const fields = c.fields
      .map((f) => `\`${cell(f.path)}\`: \`${cell(show(f.before))}\` → \`${cell(show(f.after))}\`${f.recreate ? ' **recreate**' : ''}`)
      .join('<br>');
    lines.push(`| ${sign[c.change]} | \`${cell(c.resource)}\` | ${cell(c.file)} | ${fields} |`);
  }
  return lines.join('\n');
}

function index(files: readonly OutputFile[]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const file of files) {
    if (!file.path.endsWith('.yaml')) {
      out.set(`file:${file.path}`, { resource: file.path, file: file.path, doc: {}, text: file.content });
      continue;
    }
    const docs = (file.objects?.length ? (file.objects as Obj[]) : parseAllDocuments(file.content).map((d) => d.toJS() as Obj)).filter(
      (d) => d && typeof d === 'object',
    );
    for (const doc of docs) {
      if (typeof doc.kind === 'string' && doc.metadata?.name) {
        const group = String(doc.apiVersion).split('/')[0];
        out.set(`${group}/${doc.kind}/${doc.metadata.namespace ?? ''}/${doc.metadata.name}`, {
          resource: `${doc.kind}/${doc.metadata.name}`,
          file: file.path,
          doc,
        });
      } else {
        out.set(`file:${file.path}`, { resource: file.path, file: file.path, doc });
      }
    }
  }
  return out;
}

function textChange(before: string | undefined, after: string): FieldChange[] {
  if (before === after) return [];
  const lines = (t: string | undefined) => (t === undefined ? 0 : t.split('\n').length);
  return [{ path: '(text)', before: `${lines(before)} lines`, after: `${lines(after)} lines` }];
}

function fieldChanges(a: unknown, b: unknown, path: string): FieldChange[] {
  // A map that appears or disappears reads as its keys appearing or disappearing.
  if ((isRecord(a) || a === undefined) && (isRecord(b) || b === undefined) && (isRecord(a) || isRecord(b))) {
    a = a ?? {};
    b = b ?? {};
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    // Keys like annotation names hold dots and slashes: quote them so a path reads unambiguously.
    return keys.flatMap((k) =>
      fieldChanges(a[k], b[k], /^[A-Za-z0-9_]+$/.test(k) ? (path ? `${path}.${k}` : k) : `${path}[${JSON.stringify(k)}]`),
    );
  }
  // Lists of named items (env vars, containers, ports, volumes) compare item by item under their name, so an
  // inserted variable is one added item rather than every later item changing.
  if ((Array.isArray(a) || a === undefined) && (Array.isArray(b) || b === undefined) && (Array.isArray(a) || Array.isArray(b))) {
    const key = listKey(a ?? [], b ?? []);
    if (key) return keyedListChanges(a ?? [], b ?? [], key, path);
    // Unnamed objects in lists of one length (a Knative Service's one container) compare position by position.
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && [...a, ...b].every(isRecord)) {
      return a.flatMap((item, i) => fieldChanges(item, b[i], `${path}[${i}]`));
    }
  }
  // Other lists compare whole (members, arguments: their order can matter).
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, before: a, after: b }];
}

/** The fields that name a list's items in Kubernetes and Config Connector objects, most specific first. */
const LIST_KEYS = ['name', 'containerPort', 'mountPath', 'key'];

/** The field naming every item of both lists uniquely, if there is one. */
function listKey(a: readonly unknown[], b: readonly unknown[]): string | undefined {
  const items = [...a, ...b];
  if (items.length === 0 || !items.every(isRecord)) return undefined;
  const unique = (list: readonly Obj[], k: string) => new Set(list.map((i) => i[k])).size === list.length;
  return LIST_KEYS.find(
    (k) =>
      (items as Obj[]).every((i) => typeof i[k] === 'string' || typeof i[k] === 'number') && unique(a as Obj[], k) && unique(b as Obj[], k),
  );
}

function keyedListChanges(a: readonly unknown[], b: readonly unknown[], key: string, path: string): FieldChange[] {
  const before = new Map((a as Obj[]).map((i) => [i[key], i]));
  const after = new Map((b as Obj[]).map((i) => [i[key], i]));
  const at = (v: unknown) => `${path}[${key}=${JSON.stringify(v)}]`;
  const out: FieldChange[] = [];
  for (const [k, item] of after) {
    const was = before.get(k);
    if (was === undefined) out.push({ path: at(k), before: undefined, after: item });
    else out.push(...fieldChanges(was, item, at(k)));
  }
  for (const [k, item] of before) if (!after.has(k)) out.push({ path: at(k), before: item, after: undefined });
  return out;
}

function withRecreate(doc: Obj, f: FieldChange): FieldChange {
  const recreate = recreateReason(doc, f);
  return recreate ? { ...f, recreate } : f;
}

function recreateReason(doc: Obj, f: FieldChange): Recreate | undefined {
  if (!String(doc.apiVersion).includes('.cnrm.cloud.google.com/')) return undefined;
  if (doc.kind === 'ComputeSubnetwork' && f.path === 'spec.ipCidrRange') {
    return isExpansion(f.before, f.after)
      ? undefined
      : {
          reason: `a subnet's primary range can only be expanded in place (to a wider range containing it); ${show(f.before)} -> ${show(f.after)} is not`,
          source: SUBNET_EXPANSION_DOC,
        };
  }
  const entry = (IMMUTABLE as Record<string, { crd: string; fields: string[] }>)[doc.kind];
  if (!entry) return undefined;
  // List items by index or by name (`containers[name="app"]`) are one field of the CRD: `containers[]`.
  const generic = f.path.replace(/\[(\d+|\w+=("(?:[^"\\]|\\.)*"|-?\d+))\]/g, '[]');
  const field = entry.fields.find(
    (i) =>
      generic === i ||
      generic.startsWith(`${i}.`) ||
      generic.startsWith(`${i}[`) ||
      i.startsWith(`${generic}.`) ||
      i.startsWith(`${generic}[`),
  );
  if (!field) return undefined;
  return {
    reason: `${doc.kind} ${field} is immutable: Config Connector cannot update it in place`,
    source: `its CRD marks it "Immutable.": ${entry.crd}`,
  };
}

function isExpansion(before: unknown, after: unknown): boolean {
  if (typeof before !== 'string' || typeof after !== 'string' || cidrProblem(before) || cidrProblem(after)) return false;
  const a = parseCidr(before);
  const b = parseCidr(after);
  return b.prefix < a.prefix && b.start <= a.start && a.start + a.size <= b.start + b.size;
}

function isRecord(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function show(x: unknown): string {
  return x === undefined ? '(none)' : JSON.stringify(x);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
