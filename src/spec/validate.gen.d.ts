// Generated from schema/cluster.schema.json by scripts/gen-validator.mjs. Do not edit.
import type { ValidateFunction } from 'ajv';

/** Validates a spec against the schema, filling in defaults; errors are left on `validate.errors`. */
export declare const validate: ValidateFunction;
export default validate;
