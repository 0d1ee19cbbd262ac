import { CORE_SCHEMA, load } from 'js-yaml';

/**
 * The happy path of reading a topology: js-yaml (YAML 1.2 core schema) parses plain documents several times
 * faster than the `yaml` library's document model, which runnel keeps for everything else — line numbers,
 * syntax errors, aliases, tags and every shape a topology refuses (src/input/load.ts). Only documents whose
 * meaning the two libraries agree on take this path: no anchors, aliases, tags, directives, explicit or flow
 * keys, block scalars or nested flow collections, one document, and a result that is a mapping of plain
 * values with finite numbers. Anything else returns undefined and goes the careful way; a property test
 * compares both paths on generated documents.
 */
const OFF_PATH = /[&*!?%|>]|^---|^\.\.\./m;
/** Lines that are only a comment: nothing in them is syntax. */
const COMMENT_LINE = /^[ \t]*#.*$/gm;
/** A flow collection nested in another (`{a: [b]}`), where a complex key could hide. */
const NESTED_FLOW = /[[{][^\]}\n]*[[{]/;
/** A flow collection used as a key (`[a]: b`, `- {a: b}: c`). */
const FLOW_KEY = /^[ \t]*(?:-[ \t]+)*[[{][^\n]*[\]}][ \t]*:/m;

export function fastParse(text: string): Record<string, unknown> | undefined {
  const syntax = text.replace(COMMENT_LINE, '');
  if (OFF_PATH.test(syntax) || NESTED_FLOW.test(syntax) || FLOW_KEY.test(syntax)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  return isPlainMapping(value, 0) ? (value as Record<string, unknown>) : undefined;
}

function isPlainMapping(value: unknown, depth: number): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && isPlain(value, depth);
}

function isPlain(value: unknown, depth: number): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((v) => isPlain(v, depth + 1));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every((v) => isPlain(v, depth + 1));
  }
  return false;
}
