import { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { formatPath, Problem, quoted } from '../finding';
import { defineInputRule } from '../check/input-rule';
import { TOPOLOGY_SCHEMA } from '../input/schema';
import { topologyValidator } from '../input/schema-validators';
import { SHAPE_RULE_ID } from '../input/load';

/**
 * The input without its unknown fields, when that is all that was wrong with it; otherwise undefined.
 * Lets the semantic rules run beside a typo instead of waiting for it to be fixed.
 */
export function withoutUnknownFields(input: unknown): unknown {
  const clone = structuredClone(input);
  return topologyValidator('stripping')(clone) ? clone : undefined;
}

/**
 * The topology's shape: known fields only, required fields present, right types and enum values.
 * Everything else in src/rules may assume this passed.
 */
export const topologySchema = defineInputRule({
  id: SHAPE_RULE_ID,
  severity: 'error',
  summary: 'The topology has only known fields, every required field, and values of the right type.',
  check(input: unknown): Problem[] {
    const validate = topologyValidator('checking');
    if (validate(input)) return [];
    const errors = (validate.errors ?? []).filter((e) => !isNoise(e));
    const problems = errors.map(toProblem);
    // A misspelt required field shows up twice (unknown "netwrk", missing "network"): keep the rename.
    const renamed = new Set(
      errors
        .filter((e) => e.keyword === 'additionalProperties')
        .map((e) => {
          const { at, near } = unknownField(e);
          return formatPath([...at, near ?? '']);
        }),
    );
    // A value of the wrong type also fails its enum: the type error says enough.
    const typeErrors = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
    const relevant = problems.filter(
      (p, i) =>
        !(errors[i].keyword === 'required' && renamed.has(p.path)) &&
        !(errors[i].keyword === 'enum' && typeErrors.has(errors[i].instancePath)),
    );
    // One problem per path and message: Ajv repeats some errors through nullable branches.
    const seen = new Set<string>();
    return relevant.filter((p) => {
      const key = `${p.path}\u0000${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  },
});

/** An unknown field, the fields allowed beside it, and the nearest of those. */
function unknownField(e: ErrorObject) {
  const at = pathOf(e.instancePath);
  const field = String(e.params.additionalProperty);
  const known = Object.keys((schemaAt(at)?.properties as Record<string, unknown>) ?? {});
  return { at, field, known, near: suggestion(field, known) };
}

/** Errors that only restate another one (the `if`/`anyOf` wrappers around nullable). */
function isNoise(e: ErrorObject): boolean {
  return e.keyword === 'if' || e.keyword === 'anyOf';
}

function pathOf(instancePath: string): Array<string | number> {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function schemaAt(instancePath: Array<string | number>): Record<string, unknown> | undefined {
  let node: Record<string, unknown> | undefined = TOPOLOGY_SCHEMA as unknown as Record<string, unknown>;
  for (const segment of instancePath) {
    if (!node) return undefined;
    node = (typeof segment === 'number' ? node.items : (node.properties as Record<string, unknown> | undefined)?.[segment]) as
      Record<string, unknown> | undefined;
  }
  return node;
}

function suggestion(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(value, candidates as string[]);
  return distance(value.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function toProblem(e: ErrorObject): Problem {
  const at = pathOf(e.instancePath);
  const path = formatPath(at);
  const where = path || '(top level)';
  switch (e.keyword) {
    case 'additionalProperties': {
      const { field, known, near } = unknownField(e);
      return {
        path: formatPath([...at, field]),
        message: `unknown field ${quoted(field)}`,
        fix: near ? `did you mean ${quoted(near)}? Rename it` : `remove it; fields allowed here: ${known.join(', ')}`,
      };
    }
    case 'required': {
      const field = String(e.params.missingProperty);
      return {
        path: formatPath([...at, field]),
        message: `missing required field ${quoted(field)}`,
        fix: path ? `add \`${field}:\` under ${path}` : `add \`${field}:\` at the top level`,
      };
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const near = suggestion(String(e.data), allowed);
      return {
        path,
        message: `${JSON.stringify(e.data)} is not one of ${allowed.join(' | ')}`,
        fix: near ? `did you mean ${quoted(near)}?` : `use one of ${allowed.join(', ')}`,
      };
    }
    case 'type': {
      const allowed = schemaAt(at)?.enum as string[] | undefined;
      return {
        path,
        message: `must be ${article(String(e.params.type))}, not ${describeValue(e.data)}`,
        fix: allowed ? `use one of ${allowed.join(', ')}` : `write ${where} as ${article(String(e.params.type))}`,
      };
    }
    case 'minItems':
      return { path, message: `needs at least ${e.params.limit} item(s)`, fix: `add an entry to ${where}` };
    case 'pattern':
      return path.endsWith('projectNumber')
        ? {
            path,
            message: `${JSON.stringify(e.data)} is not a project number`,
            fix: 'use the numeric project number shown by `gcloud projects describe`',
          }
        : { path, message: `${JSON.stringify(e.data)} does not match ${e.params.pattern}`, fix: `rename it to match ${e.params.pattern}` };
    case 'propertyNames':
      return {
        path,
        message: 'has a key that is not a valid environment variable name',
        fix: 'use letters, digits and underscores, not starting with a digit',
      };
    case 'maximum':
      return {
        path,
        message: `${JSON.stringify(e.data)} is more than ${e.params.limit}, the largest value allowed`,
        fix: `lower ${where} to at most ${e.params.limit}`,
      };
    case 'minimum':
    case 'minLength':
      return { path, message: `${JSON.stringify(e.data)} ${e.message}`, fix: `change ${where} so it ${e.message}` };
    default:
      return { path, message: e.message ?? 'is invalid', fix: `correct ${where}` };
  }
}

function article(type: string): string {
  const words: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    integer: 'an integer',
    boolean: 'a boolean (true or false)',
  };
  return words[type] ?? `a ${type}`;
}
