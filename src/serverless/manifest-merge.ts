/**
 * Completes a user's own service manifest with what runnel writes: every field runnel writes wins (the rule
 * manifest-agrees-with-topology has already refused a networking field that disagrees), every other field of the
 * manifest is kept as it is. Lists of named things merge by name: containers (the ingress container is the one
 * with a port, or the first), their env and mounts, and volumes; other lists runnel writes replace the manifest's.
 */
type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

const BY_NAME = new Set(['env', 'volumes', 'volumeMounts']);

export function mergeManifest(base: Obj, ours: Obj): Obj {
  return mergeObj(base, ours);
}

function mergeObj(base: Obj, ours: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(ours)) {
    const b = base[k];
    if (k === 'containers' && Array.isArray(v) && Array.isArray(b)) out[k] = mergeContainers(b as Obj[], v as Obj[]);
    else if (BY_NAME.has(k) && Array.isArray(v) && Array.isArray(b)) out[k] = mergeByName(b as Obj[], v as Obj[], k === 'env');
    else if (isObj(v) && isObj(b)) out[k] = mergeObj(b, v);
    else out[k] = v;
  }
  return out;
}

function mergeByName(base: Obj[], ours: Obj[], sort: boolean): Obj[] {
  const key = (o: Obj) => String(o.name ?? o.mountPath);
  const mine = new Map(ours.map((o) => [key(o), o]));
  const merged = [
    ...base.map((b) => (mine.has(key(b)) ? mergeObj(b, mine.get(key(b))!) : b)),
    ...ours.filter((o) => !base.some((b) => key(b) === key(o))),
  ];
  // Variables are written sorted by name, as runnel writes its own.
  return sort ? merged.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) : merged;
}

function mergeContainers(base: Obj[], ours: Obj[]): Obj[] {
  const ingressOf = (list: Obj[]) =>
    Math.max(
      0,
      list.findIndex((c) => Array.isArray(c.ports) && c.ports.length > 0),
    );
  const baseIngress = ingressOf(base);
  const used = new Set<number>();
  const matched = ours.map((c, i) => {
    const at = i === ingressOf(ours) ? baseIngress : base.findIndex((b) => b.name !== undefined && b.name === c.name);
    if (at < 0) return { at: -1, c };
    used.add(at);
    return { at, c };
  });
  const out = base.map((b, i) => {
    const m = matched.find((x) => x.at === i);
    // The manifest's container name stays (runnel names the ingress container only when told or with sidecars).
    return m ? mergeObj(b, b.name !== undefined && i === baseIngress ? { ...m.c, name: b.name } : m.c) : b;
  });
  return [...out, ...matched.filter((m) => m.at < 0).map((m) => m.c)];
}
