import { DEFAULTS } from '../defaults';
import { formatPath, Problem } from '../finding';

/** The top-level key of the environments map in topology.yaml. */
export const ENVIRONMENTS_KEY = 'environments';

/**
 * Lists merged item by item, matched by `name` (an override names the item it changes); every other list is
 * replaced whole by an override.
 */
export const NAMED_LISTS: readonly string[] = ['services', 'backends', 'secrets'];

/** Keys of an environment entry that describe the environment itself rather than override the topology. */
export const ENVIRONMENT_KEYS: readonly string[] = ['cluster', 'peeredWith', 'values'];

/**
 * An environment's name: the folder of its output (`dist/<name>/`) and the suffix of its Argo CD Application, so a
 * lowercase RFC 1123 label short enough to leave the Application name room (at most 20 characters).
 */
export const ENVIRONMENT_NAME = /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/;

/**
 * One entry of `environments:` in topology.yaml: any top-level topology field as an override of the shared shape
 * (`project`, `namespace`, `network`, `services`...), plus the environment's own settings below.
 */
export interface EnvironmentSpec {
  /**
   * The Argo CD destination cluster (API server URL) this environment's Application syncs to.
   * @default 'https://kubernetes.default.svc' (the cluster Argo CD runs in)
   */
  readonly cluster?: string;
  /**
   * Other environments whose network this one is peered with (or shares): their ranges must not overlap.
   * @default []
   */
  readonly peeredWith?: readonly string[];
  /**
   * Free string values for the ApplicationSet list generator element of this environment (`{{.values.key}}` in a
   * template patch), e.g. a team or a cost centre.
   * @default {}
   */
  readonly values?: Readonly<Record<string, string>>;
  /** Overrides of the shared topology. */
  readonly [field: string]: unknown;
}

/** One environment after merging: the whole topology it describes, and how to point back into the file. */
export interface MergedEnvironment {
  readonly name: string;
  /** The shared shape with this environment's overrides applied (nulls of the override already removed). */
  readonly topology: Record<string, unknown>;
  readonly cluster?: string;
  readonly peeredWith: readonly string[];
  readonly values: Readonly<Record<string, string>>;
  /**
   * The path in the topology file of a field of the merged topology, when this environment's override wrote it
   * (`services[1].image` -> `environments.prod.services[0].image`); undefined when it comes from the shared shape.
   */
  overridePath(path: ReadonlyArray<string | number>): string | undefined;
}

export interface SplitTopology {
  /** The shared shape, without `environments`. */
  readonly base: Record<string, unknown>;
  /** Environments in file order. */
  readonly environments: readonly MergedEnvironment[];
  /** Problems with the environments themselves (bad names, an override naming an item that does not exist). */
  readonly problems: readonly Problem[];
}

/** Whether a raw topology declares environments. */
export function hasEnvironments(raw: unknown): raw is Record<string, unknown> {
  return isRecord(raw) && raw[ENVIRONMENTS_KEY] !== undefined && raw[ENVIRONMENTS_KEY] !== null;
}

/**
 * Splits a raw topology (as parsed, nulls still in it: a null in an override removes the field) into the shared
 * shape and one merged topology per environment. Overrides deep-merge mappings, merge `services`, `backends` and
 * `secrets` item by item by `name`, replace every other list and scalar, and remove a field set to null. Never throws.
 */
export function splitEnvironments(raw: Record<string, unknown>): SplitTopology {
  const { [ENVIRONMENTS_KEY]: declared, ...base } = raw;
  const problems: Problem[] = [];
  if (!isRecord(declared) || Object.keys(declared).length === 0) {
    problems.push({
      path: ENVIRONMENTS_KEY,
      message: `${ENVIRONMENTS_KEY} is ${JSON.stringify(declared)}, not a mapping of environment names to their overrides`,
      fix: 'write `environments:` as a mapping, e.g. `environments: {dev: {project: shop-dev-1}}`, or remove it',
    });
    return { base, environments: [], problems };
  }
  const names = Object.keys(declared);
  const environments: MergedEnvironment[] = [];
  for (const name of names) {
    const at = `${ENVIRONMENTS_KEY}.${name}`;
    if (!ENVIRONMENT_NAME.test(name)) {
      problems.push({
        path: at,
        message: `the environment name ${JSON.stringify(name)} is not a lowercase name of 1-20 characters (letters, digits, hyphens)`,
        fix: 'rename it, e.g. `prod`: it becomes the output folder and the suffix of the Argo CD Application name',
      });
      continue;
    }
    const entry = declared[name] ?? {};
    if (!isRecord(entry)) {
      problems.push({
        path: at,
        message: `${at} is ${JSON.stringify(entry)}, not a mapping of overrides`,
        fix: `write ${at} as a mapping, e.g. \`{project: ${name}-project}\``,
      });
      continue;
    }
    const { cluster, peeredWith, values, ...overrides } = entry;
    const own = ownSettings(at, name, names, cluster, peeredWith, values, problems);
    const merged = mergeValue(base, overrides, [], at, problems);
    const topology = (isRecord(merged) ? merged : {}) as Record<string, unknown>;
    environments.push({ name, topology, ...own, overridePath: (path) => overridePath(overrides, topology, path, at) });
  }
  return { base, environments, problems };
}

function ownSettings(
  at: string,
  name: string,
  names: readonly string[],
  cluster: unknown,
  peeredWith: unknown,
  values: unknown,
  problems: Problem[],
): { cluster?: string; peeredWith: string[]; values: Record<string, string> } {
  const out: { cluster?: string; peeredWith: string[]; values: Record<string, string> } = {
    peeredWith: [...DEFAULTS.environment.peeredWith],
    values: { ...DEFAULTS.environment.values },
  };
  if (cluster !== undefined && cluster !== null) {
    if (typeof cluster === 'string' && /^https:\/\/\S+$/.test(cluster)) out.cluster = cluster;
    else
      problems.push({
        path: `${at}.cluster`,
        message: `cluster is ${JSON.stringify(cluster)}, not the https:// URL of a Kubernetes API server`,
        fix: 'set the API server URL Argo CD knows the cluster by, e.g. `https://10.0.0.1`, or remove it for the local cluster',
      });
  }
  if (peeredWith !== undefined && peeredWith !== null) {
    const list = Array.isArray(peeredWith) ? peeredWith : [peeredWith];
    list.forEach((other, i) => {
      if (typeof other === 'string' && names.includes(other) && other !== name) out.peeredWith.push(other);
      else
        problems.push({
          path: `${at}.peeredWith${Array.isArray(peeredWith) ? `[${i}]` : ''}`,
          message: `${JSON.stringify(other)} is not another environment of this topology`,
          fix: `name one of ${names
            .filter((n) => n !== name)
            .map((n) => JSON.stringify(n))
            .join(', ')}, or remove it`,
        });
    });
  }
  if (values !== undefined && values !== null) {
    if (isRecord(values) && Object.values(values).every((v) => typeof v === 'string')) out.values = values as Record<string, string>;
    else
      problems.push({
        path: `${at}.values`,
        message: `values is ${JSON.stringify(values)}, not a mapping of names to strings`,
        fix: 'write values as `{key: "text"}`, quoting numbers',
      });
  }
  return out;
}

/** Removal: an override set the field to null. */
const REMOVED = Symbol('removed');

function mergeValue(base: unknown, override: unknown, path: Array<string | number>, at: string, problems: Problem[]): unknown {
  if (override === null) return REMOVED;
  if (override === undefined) return base;
  if (isRecord(override)) {
    const out: Record<string, unknown> = isRecord(base) ? { ...base } : {};
    for (const [key, value] of Object.entries(override)) {
      const merged = mergeValue(isRecord(base) ? base[key] : undefined, value, [...path, key], at, problems);
      if (merged === REMOVED) delete out[key];
      // defineProperty: a `__proto__` key stays a plain field, as YAML parsed it.
      else Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (Array.isArray(override) && path.length === 1 && NAMED_LISTS.includes(String(path[0]))) {
    return mergeNamedList(Array.isArray(base) ? base : [], override, String(path[0]), at, problems);
  }
  return override;
}

/** `services`, `backends`, `secrets`: each override item changes the base item of the same `name`. */
function mergeNamedList(base: readonly unknown[], override: readonly unknown[], key: string, at: string, problems: Problem[]): unknown[] {
  const out = [...base];
  override.forEach((item, i) => {
    const itemPath = `${at}.${key}[${i}]`;
    const name = isRecord(item) ? item.name : undefined;
    if (typeof name !== 'string') {
      problems.push({
        path: itemPath,
        message: `an override in ${at}.${key} has no name, so it matches no item of ${key}`,
        fix: `add \`name:\` with the name of the item in ${key} it changes`,
      });
      return;
    }
    const index = base.findIndex((b) => isRecord(b) && b.name === name);
    if (index < 0) {
      const known = base.filter(isRecord).map((b) => JSON.stringify(b.name));
      problems.push({
        path: `${itemPath}.name`,
        message: `${at}.${key} overrides ${JSON.stringify(name)}, but ${key} has no item of that name`,
        fix:
          known.length > 0
            ? `name one of ${known.join(', ')}, or add ${JSON.stringify(name)} to ${key}`
            : `add ${JSON.stringify(name)} to ${key}`,
      });
      return;
    }
    const merged = mergeValue(base[index], item, [key, index], at, problems);
    out[index] = merged === REMOVED ? base[index] : merged;
  });
  return out;
}

function overridePath(
  overrides: Record<string, unknown>,
  merged: Record<string, unknown>,
  path: ReadonlyArray<string | number>,
  at: string,
): string | undefined {
  let node: unknown = overrides;
  const written: Array<string | number> = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (i === 1 && typeof segment === 'number' && NAMED_LISTS.includes(String(path[0])) && Array.isArray(node)) {
      const list = merged[String(path[0])];
      const name = Array.isArray(list) && isRecord(list[segment]) ? list[segment].name : undefined;
      const j = node.findIndex((o) => isRecord(o) && o.name === name);
      if (j < 0) return undefined;
      node = node[j];
      written.push(j);
      continue;
    }
    if (isRecord(node) && typeof segment === 'string' && Object.prototype.hasOwnProperty.call(node, segment)) node = node[segment];
    else if (Array.isArray(node) && typeof segment === 'number' && segment < node.length) node = node[segment];
    else return undefined;
    written.push(segment);
  }
  if (node === undefined || path.length === 0) return undefined;
  const inside = formatPath(written);
  return inside.startsWith('[') ? `${at}${inside}` : `${at}.${inside}`;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
