import Ajv, { ValidateFunction } from 'ajv';
import { TOPOLOGY_SCHEMA } from './schema';
import { ValidatorName, VALIDATOR_OPTIONS } from './schema-validator-options';

export { VALIDATOR_OPTIONS };
export type { ValidatorName };

/**
 * The two validators of the topology schema, made with the options of schema-validator-options.ts.
 *
 * This module compiles them on first use, once per process (`tsx`). The build (scripts/build.ts) swaps this
 * module for one holding the same validators as Ajv standalone code generated from these options, so the
 * synth path never loads or runs Ajv's compiler (~110 ms measured on every run); jest does the same with
 * cached standalone code (test/helpers/topology-validators.ts).
 */
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
