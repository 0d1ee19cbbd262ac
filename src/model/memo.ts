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
