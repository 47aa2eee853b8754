// The ajv set-up config is validated with: draft 2020-12, every error, the JSON Schema formats
// and the API's own (api-formats.ts). Used at run time (schema-validation.ts) and by
// tools/gen-config-validator.ts, which compiles the committed schema with it ahead of time.
//
// ajv's compiler (about 80 CommonJS files) is required only when a schema is compiled: the
// committed config schema is validated by its build-time standalone code, so `validate`
// and `plan` never load it; tests and tools that pass their own schema objects do.

import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv2020Class, Options } from 'ajv/dist/2020.js';
import { API_FORMATS } from './api-formats.ts';

const require = createRequire(import.meta.url);

/**
 * The ajv instance config is validated with. strict off: the schema is generated from the API
 * document and may carry annotations (x-…, nullable) that are not validation keywords. The
 * formats of ids (client-id, …) are unknown to ajv and not checked; logger off so that is not
 * printed on every run. Also what tools/gen-config-validator.ts compiles the standalone code with.
 */
export function newConfigAjv(options: Options = {}): Ajv2020Class {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  // ajv-formats is CommonJS with `exports.default`.
  const addFormats = (require('ajv-formats') as { default: (ajv: Ajv2020Class) => void }).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, logger: false, ...options });
  addFormats(ajv);
  for (const [name, format] of Object.entries(configFormats())) ajv.addFormat(name, format);
  return ajv;
}

/** The API's own string formats, as ajv takes them. */
export function configFormats(): Record<string, { type: 'string'; validate: (value: string) => boolean }> {
  return Object.fromEntries(
    Object.entries(API_FORMATS).map(([name, format]) => [
      name,
      { type: 'string', validate: format.validate },
    ]),
  );
}
