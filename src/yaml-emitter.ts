import { stringify } from 'yaml';
import { remembered } from './memo';

/**
 * YAML for one emitted object, byte-identical to `stringify(value, { lineWidth: 0 })` of the `yaml` library
 * (2.x defaults: two-space indent, sequences indented under their key, insertion order, plain scalars where they
 * read back as the same string, else single quotes when the value holds `"` but no `'`, else double quotes).
 *
 * Why hand-written: at 1,000 services the `yaml` library's document model (a node per value, a context per
 * scalar) was about a third of synthesis time. This emitter covers exactly the shapes runnel emits (maps of
 * strings, numbers, booleans and nested maps and lists) and hands anything else — multi-line or control
 * characters, keys that need quoting, lists of lists, non-finite numbers — to the library, so the bytes never
 * differ (a property test compares the two on generated values; the goldens and dist/ are unchanged).
 */
export function toYaml(value: Record<string, unknown>): string {
  return fastYaml(value) ?? stringify(value, { lineWidth: 0 });
}

/** The hand-written path alone: the YAML, or undefined where it hands the value to the library. */
export function fastYaml(value: unknown): string | undefined {
  const lines: string[] = [];
  if (!isPlainObject(value) || !emitMap(value, '', lines)) return undefined;
  return lines.length === 0 ? '{}\n' : `${lines.join('\n')}\n`;
}

/** Scalars the core schema would read as something other than a string (the `yaml` library's own tests). */
const NOT_A_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
/** What the library refuses as a plain scalar (an indicator first, `: ` or ` #` inside, a space or `:` last). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Printable ASCII and ordinary non-ASCII letters: no control, line-separator, BOM or surrogate characters. */
const SIMPLE_TEXT = /^[\x20-\x7e\u00a1-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/;
const MAX_KEY = 1024;

/**
 * Strings already written, as {@link writtenString} writes them: keys and many values (API versions, kinds,
 * annotation keys, project and region names) repeat in every object, and each costs up to eleven regular
 * expressions. Bounded: cleared when full.
 */
const WRITTEN = new Map<string, string | undefined>();
const WRITTEN_MAX = 100_000;

/** A string as the library writes it on one line, or undefined when only the library knows. */
function scalarString(s: string, key: boolean): string | undefined {
  if (key && s.length > MAX_KEY) return undefined;
  return remembered(WRITTEN, WRITTEN_MAX, s, writtenString);
}

/** {@link scalarString} for a string of any length. */
function writtenString(s: string): string | undefined {
  if (!SIMPLE_TEXT.test(s) || DOCUMENT_MARKER.test(s)) return undefined;
  if (!NOT_PLAIN.test(s) && !NOT_A_STRING.some((re) => re.test(s))) return s;
  if (s.includes('"') && !s.includes("'")) return `'${s}'`;
  return JSON.stringify(s);
}

function scalar(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return scalarString(v, false);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0) ? JSON.stringify(v) : undefined;
    default:
      return undefined;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** The text after `key:` or `-` for a value that fits on the same line; null when it opens a block. */
function inline(v: unknown): string | undefined | null {
  if (Array.isArray(v)) return v.length === 0 ? ' []' : null;
  if (isPlainObject(v)) return Object.keys(v).some((k) => v[k] !== undefined) ? null : ' {}';
  const s = scalar(v);
  return s === undefined ? undefined : ` ${s}`;
}

function emitMap(map: Record<string, unknown>, indent: string, lines: string[]): boolean {
  for (const k of Object.keys(map)) {
    const v = map[k];
    if (v === undefined) continue;
    const key = scalarString(k, true);
    if (key === undefined) return false;
    const rest = inline(v);
    if (rest === undefined) return false;
    if (rest !== null) {
      lines.push(`${indent}${key}:${rest}`);
      continue;
    }
    lines.push(`${indent}${key}:`);
    const ok = Array.isArray(v) ? emitSeq(v, `${indent}  `, lines) : emitMap(v as Record<string, unknown>, `${indent}  `, lines);
    if (!ok) return false;
  }
  return true;
}

function emitSeq(seq: readonly unknown[], indent: string, lines: string[]): boolean {
  for (const item of seq) {
    if (Array.isArray(item) && item.length > 0) return false; // `- - x`: left to the library
    if (item === undefined) return false;
    const rest = inline(item);
    if (rest === undefined) return false;
    if (rest !== null) {
      lines.push(`${indent}-${rest}`);
      continue;
    }
    const first = lines.length;
    if (!emitMap(item as Record<string, unknown>, `${indent}  `, lines)) return false;
    lines[first] = `${indent}- ${lines[first].slice(indent.length + 2)}`;
  }
  return true;
}
