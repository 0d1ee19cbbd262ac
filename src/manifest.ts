/**
 * An emitted Kubernetes object as plain JSON. Its shape is whatever its CRD says (checked strictly in tests),
 * so passes that read any kind generically (sync waves, reference checks, the diff) index it freely.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = Record<string, any>;
