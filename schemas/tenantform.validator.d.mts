// Types of the generated tenantform.validator.mjs (tools/gen-config-validator.ts).
import type { ValidateFunction } from 'ajv';

export function makeValidate(
  formats: Record<string, unknown>,
  ucs2length: (text: string) => number,
): ValidateFunction;
