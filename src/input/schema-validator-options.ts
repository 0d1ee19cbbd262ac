import type { Options } from 'ajv';

/**
 * The Ajv options of the topology schema's two validators, apart from the module that compiles them
 * (schema-validators.ts), so that what only needs the options (the build, the tests' cached validators) does
 * not load Ajv's compiler.
 */
export const VALIDATOR_OPTIONS = {
  /** Every problem at once; verbose errors carry the offending value, which messages quote. */
  checking: { allErrors: true, strict: true, verbose: true },
  /** Drops fields the schema does not know (only where additionalProperties is false, so env keys stay). */
  stripping: { strict: true, removeAdditional: true },
} as const satisfies Record<string, Options>;

export type ValidatorName = keyof typeof VALIDATOR_OPTIONS;
