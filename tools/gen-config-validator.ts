// Builds schemas/validators/: the config schema's ajv validator as standalone code, so a
// process validates config without compiling the 1.4 MB schema first (0.3–0.7 s, more on a
// loaded machine, in every tenantform process). Made from the committed
// schemas/tenantform.schema.json by `npm run gen:config-schema` (after that file); a test
// fails when it is stale.
//
// One module per top-level section (clients.cjs, tenant.cjs, …) plus root.cjs (the checks on
// the file as a whole: unknown sections), so a process compiles only the code of the
// sections its files hold (src/config/schema-validation.ts): one module of all sections was
// 2.4 MB of JavaScript to compile at every start. A section module validates the whole file
// against the root schema with only that section kept, so its errors carry the paths
// (instancePath, schemaPath) the single validator gave.
//
// Each module imports nothing: it exports makeValidate(formats, ucs2length), and the loader
// passes in the string formats and ajv's runtime helper, so the same files work from src/ and
// from the published dist/. CommonJS, so they load synchronously (loadConfig is synchronous).

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { _, type ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { newConfigAjv } from '../src/config/config-ajv.ts';
import { forValidation } from '../src/config/variable-forms.ts';
import { CONFIG_SCHEMA_FILE } from './gen-config-schema.ts';

export const CONFIG_VALIDATORS_DIR = fileURLToPath(new URL('../schemas/validators/', import.meta.url));

/** The module of the checks on the file as a whole; it also lists the sections, in schema order. */
export const ROOT_VALIDATOR = 'root';

// ajv/dist/standalone is CommonJS with `exports.default` (as ajv-formats, see schema-validation.ts).
const standalone = ((standaloneCode as unknown as { default?: unknown }).default ?? standaloneCode) as (
  ajv: Ajv2020,
  validate: ValidateFunction,
) => string;

const UCS2LENGTH = 'require("ajv/dist/runtime/ucs2length").default';

type Schema = Record<string, unknown>;

/** File name → text of every module of schemas/validators/. */
export function renderConfigValidators(
  schemaText = readFileSync(CONFIG_SCHEMA_FILE, 'utf8'),
): Map<string, string> {
  const schema = forValidation(JSON.parse(schemaText) as Schema);
  const properties = schema.properties as Record<string, Schema>;
  const sections = Object.keys(properties);
  const files = new Map<string, string>();
  // The root keeps its own keywords (type, additionalProperties) with every section accepted
  // as it is; the sections' own modules check them.
  const { $defs: _defs, ...whole } = schema;
  const root = { ...whole, properties: Object.fromEntries(sections.map((s) => [s, true])) };
  files.set(
    `${ROOT_VALIDATOR}.cjs`,
    render(root, `exports.sections = ${JSON.stringify(sections)};\n`, 'the file as a whole'),
  );
  for (const section of sections) {
    // No type or additionalProperties here: root.cjs reports those once. `properties`
    // applies to objects only, as in the whole schema.
    const { type: _type, additionalProperties: _extra, ...rest } = schema;
    const only = { ...rest, properties: { [section]: properties[section] } };
    files.set(`${section}.cjs`, render(only, '', `section ${section}`));
  }
  return files;
}

function render(schema: Schema, head: string, what: string): string {
  // Formats are read from the `formats` parameter; ajv's source still requires its runtime
  // helpers, which become parameters too.
  const ajv = newConfigAjv({ code: { source: true, formats: _`formats` } });
  let code = standalone(ajv, ajv.compile(schema));
  // verbose errors name their parentSchema, so the code holds the root schema as a literal;
  // it reads only its `properties` (the $defs have literals of their own): without $defs the
  // literal of a section module is a few KB instead of the 270 KB of every definition.
  if (schema.$defs) {
    const literal = codegenLiteral(schema);
    if (!code.includes(literal)) throw new Error('ajv standalone output changed shape: update this tool');
    const { $defs: _, ...withoutDefs } = schema;
    code = code.replace(literal, () => codegenLiteral(withoutDefs));
    if (/schema\d+\.\$defs/.test(code)) throw new Error('standalone code reads $defs of a schema literal');
  }
  const start = '"use strict";module.exports = validate20;module.exports.default = validate20;';
  if (!code.startsWith(start)) throw new Error('ajv standalone output changed shape: update this tool');
  const body = code.slice(start.length).replaceAll(UCS2LENGTH, 'ucs2length');
  if (body.includes('require('))
    throw new Error('ajv standalone output requires a module this tool does not pass in');
  return [
    '// Generated by `npm run gen:config-schema` (tools/gen-config-validator.ts) from',
    `// schemas/tenantform.schema.json: ajv standalone code of ${what}. Do not edit.`,
    '"use strict";',
    `${head}exports.makeValidate = function makeValidate(formats, ucs2length) {`,
    body,
    'return validate20;',
    '};',
    '',
  ].join('\n');
}

/** A value as ajv's code generator writes it (codegen's stringify). */
function codegenLiteral(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = renderConfigValidators();
  rmSync(CONFIG_VALIDATORS_DIR, { recursive: true, force: true });
  mkdirSync(CONFIG_VALIDATORS_DIR, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(CONFIG_VALIDATORS_DIR, name), text);
}

/** The committed modules, as renderConfigValidators gives them (for the freshness test). */
export function committedConfigValidators(): Map<string, string> {
  const names = readdirSync(CONFIG_VALIDATORS_DIR).sort();
  return new Map(names.map((name) => [name, readFileSync(join(CONFIG_VALIDATORS_DIR, name), 'utf8')]));
}
