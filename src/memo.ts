/**
 * `compute(key)` once per key, kept in `cache` until it holds `max` answers, then cleared (a process may read
 * any number of topologies, so no cache grows without bound). An answer may be undefined.
 */
export function remembered<V>(cache: Map<string, V>, max: number, key: string, compute: (key: string) => V): V {
  let answer = cache.get(key);
  if (answer === undefined && !cache.has(key)) {
    if (cache.size >= max) cache.clear();
    answer = compute(key);
    cache.set(key, answer);
  }
  return answer as V;
}

/**
 * `compute(model)` once per model, kept in `cache` (a WeakMap: it goes with the model). A model is read-only once
 * resolved, so the answer cannot go stale; it is frozen, so no caller can change what the next one gets.
 */
export function memoized<M extends object, T>(cache: WeakMap<M, readonly T[]>, model: M, compute: (model: M) => T[]): readonly T[] {
  let answer = cache.get(model);
  if (answer === undefined) {
    answer = Object.freeze(compute(model));
    cache.set(model, answer);
  }
  return answer;
}
