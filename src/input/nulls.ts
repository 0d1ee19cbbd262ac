/**
 * The topology with every `null` mapping value removed: in topology.yaml, `serviceAccount: null` (or a key with
 * nothing after it) means the field is absent, everywhere, exactly as if it were not written. Done once, on input,
 * so no later stage sees a null where its type says "optional". Nulls inside lists are kept, for the schema to
 * refuse (`calls: [null]` is a mistake, not an absence). Never mutates its argument.
 */
export function withoutNulls(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(withoutNulls);
  if (input === null || typeof input !== 'object') return input;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key];
    if (value === null) continue;
    // A `__proto__` key stays a plain field, as YAML parsed it: defined, since assigning it would set the prototype.
    // Every other key is assigned (defineProperty on each was ~4% of a property test's CPU).
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: withoutNulls(value), enumerable: true, writable: true, configurable: true });
    else out[key] = withoutNulls(value);
  }
  return out;
}
