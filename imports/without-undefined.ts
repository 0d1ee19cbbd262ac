// Written by scripts/linear-imports.mjs: what the generated converters call in place of cdk8s import's
// quadratic Object.entries(...).reduce(...) copy.

/** The fields of `obj` whose value is not undefined, in order. */
export function withoutUndefined(obj: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    // A field named __proto__ stays a field, as in the spread this replaces (assigning it would set the prototype).
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
