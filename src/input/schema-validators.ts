import Ajv, { Options, ValidateFunction } from 'ajv';
import { TOPOLOGY_SCHEMA } from './schema';

/**
 * The two validators of the topology schema, and the Ajv options they are made with.
 *
 * This module compiles them on first use, once per process (tests, `tsx`). The build (scripts/build.ts)
 * swaps this module for one holding the same validators as Ajv standalone code generated from these
 * options, so the synth path never loads or runs Ajv's compiler (~110 ms measured on every run).
 */
export const VALIDATOR_OPTIONS = {
  /** Every problem at once; verbose errors carry the offending value, which messages quote. */
  checking: { allErrors: true, strict: true, verbose: true },
  /** Drops fields the schema does not know (only where additionalProperties is false, so env keys stay). */
  stripping: { strict: true, removeAdditional: true },
} as const satisfies Record<string, Options>;

export type ValidatorName = keyof typeof VALIDATOR_OPTIONS;

const compiled = new Map<ValidatorName, ValidateFunction>();

/** The validator `name`, compiled once per process. */
export function topologyValidator(name: ValidatorName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = new Ajv(VALIDATOR_OPTIONS[name]).compile(TOPOLOGY_SCHEMA);
    compiled.set(name, validate);
  }
  return validate;
}
