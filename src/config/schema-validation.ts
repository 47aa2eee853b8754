// JSON Schema validation (ajv, draft 2020-12) of one file's data, with every error mapped
// back to the YAML node it is about and phrased as what was expected.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { API_FORMATS } from './api-formats.ts';
import { configFormats, newConfigAjv } from './config-ajv.ts';
import { closest } from './closest-name.ts';
import type { NodeLocation, ParsedConfigFile } from './config-file.ts';
import { type ConfigProblem, formatPath, fromPointer, type PathSegment, toPointer } from './problems.ts';
import { forValidation } from './variable-forms.ts';

/**
 * A validator: a schema object (compiled on first use, cached per object), or the committed
 * config schema's validator, generated at build time (compiledConfigValidator).
 */
export type ConfigSchema = object | ValidateFunction;

const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: ConfigSchema): ValidateFunction {
  if (typeof schema === 'function') return schema as ValidateFunction;
  let validate = compiled.get(schema);
  if (!validate) {
    validate = newConfigAjv().compile(forValidation(schema as Record<string, unknown>));
    compiled.set(schema, validate);
  }
  return validate;
}

// CommonJS with `exports.default`, as ajv-formats.
const ucs2length = ((ucs2lengthModule as unknown as { default?: unknown }).default ?? ucs2lengthModule) as (
  text: string,
) => number;

/** The standalone code of the committed schema, one module per section (tools/gen-config-validator.ts). */
const VALIDATORS = new URL('../../schemas/validators/', import.meta.url);
const require = createRequire(import.meta.url);

type MakeValidate = (formats: object, ucs2length: (text: string) => number) => ValidateFunction;

let generated: ValidateFunction | undefined;

/**
 * The validator of schemas/tenantform.schema.json, from its standalone code
 * (schemas/validators/, kept fresh by a test): no compile at start. The checks on the file as
 * a whole, then each section the data holds, in the schema's order of sections, so errors
 * come in the order one validator of the whole schema gives them; a section's module is
 * loaded the first time data holds that section.
 */
export function compiledConfigValidator(): ValidateFunction {
  generated ??= bySection();
  return generated;
}

function bySection(): ValidateFunction {
  const formats = { ...fullFormats, ...configFormats() };
  const make = (name: string) =>
    (
      require(fileURLToPath(new URL(`${name}.cjs`, VALIDATORS))) as { makeValidate: MakeValidate }
    ).makeValidate(formats, ucs2length);
  const root = require(fileURLToPath(new URL('root.cjs', VALIDATORS))) as {
    sections: string[];
    makeValidate: MakeValidate;
  };
  const validateRoot = root.makeValidate(formats, ucs2length);
  const sections = new Map<string, ValidateFunction>();
  const validate = ((data: unknown) => {
    const errors: ErrorObject[] = [];
    if (!validateRoot(data)) errors.push(...(validateRoot.errors ?? []));
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      for (const section of root.sections) {
        if ((data as Record<string, unknown>)[section] === undefined) continue;
        let validateSection = sections.get(section);
        if (!validateSection) {
          validateSection = make(section);
          sections.set(section, validateSection);
        }
        if (!validateSection(data)) errors.push(...(validateSection.errors ?? []));
      }
    }
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  }) as ValidateFunction;
  return validate;
}

/**
 * Validate `data` (a file's sections, a subset of parsed.data sharing its objects) against
 * the config schema. Plain `${VAR}` scalars whose schema type is number/integer/boolean are
 * coerced in place first, so `lifetime: ${TOKEN_LIFETIME}` works.
 */
export function validateAgainstSchema(
  parsed: ParsedConfigFile,
  data: Record<string, unknown>,
  schema: ConfigSchema,
): ConfigProblem[] {
  const validate = validatorFor(schema);
  if (validate(data)) return [];
  if (coerceWholeVariables(parsed, data, validate.errors ?? []) && validate(data)) return [];
  return describeErrors(parsed, validate.errors ?? []);
}

function coerceWholeVariables(parsed: ParsedConfigFile, data: unknown, errors: ErrorObject[]): boolean {
  let changed = false;
  for (const error of errors) {
    if (error.keyword !== 'type' || !parsed.wholeVariables.has(error.instancePath)) continue;
    const segments = fromPointer(error.instancePath);
    const parent = segments
      .slice(0, -1)
      .reduce<unknown>((node, s) => (node as Record<string, unknown>)?.[s], data);
    const last = segments[segments.length - 1];
    if (!parent || typeof parent !== 'object' || last === undefined) continue;
    const current = (parent as Record<string, unknown>)[last];
    if (typeof current !== 'string') continue;
    const coerced = coerceScalar(current, String(error.params.type).split(','));
    if (coerced !== undefined) {
      (parent as Record<string, unknown>)[last] = coerced;
      changed = true;
    }
  }
  return changed;
}

function coerceScalar(text: string, types: string[]): unknown {
  if (types.includes('integer') && /^-?\d+$/.test(text)) return Number(text);
  if (types.includes('number') && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  if (types.includes('null') && (text === '' || text === 'null')) return null;
  return undefined;
}

function describeErrors(parsed: ParsedConfigFile, errors: ErrorObject[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const error of collapseAlternatives(errors)) {
    if (parsed.unresolved.has(error.instancePath)) continue;
    // Its cause, the error about the key itself, is reported instead.
    if (error.keyword === 'propertyNames') continue;
    const { segments, message, atKey } = describe(error);
    const location = nearestLocation(parsed, segments);
    const at = (atKey && location.key) || location.value;
    const origin = valueOrigin(parsed, segments);
    const problem = {
      ...at,
      path: formatPath(segments),
      message: origin ? `${message} (${origin})` : message,
    };
    const id = `${problem.path}\0${message}`;
    if (!seen.has(id)) problems.push(problem);
    seen.add(id);
  }
  return problems;
}

function describe(error: ErrorObject): { segments: PathSegment[]; message: string; atKey?: boolean } {
  const segments = toSegments(error.instancePath);
  // An error inside propertyNames is about a key of the map at instancePath (a trigger id).
  const name = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (name !== undefined && error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[]).map(String);
    const guess = closest(name, allowed);
    return {
      segments: [...segments, name],
      message: `unknown key "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}; expected one of: ${allowed.join(', ')}`,
      atKey: true,
    };
  }
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const field = String(error.params.additionalProperty ?? error.params.unevaluatedProperty);
      const known = Object.keys(
        (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      const guess = closest(field, known);
      return {
        segments: [...segments, field],
        message: `unknown field "${field}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
        atKey: true,
      };
    }
    case 'required':
      return { segments, message: `missing required field "${error.params.missingProperty}"` };
    case 'enum':
      return {
        segments,
        message: `must be one of: ${(error.params.allowedValues as unknown[]).map(show).join(', ')}`,
      };
    case 'const':
      return { segments, message: `must be ${show(error.params.allowedValue)}` };
    case 'type':
      return { segments, message: `must be ${String(error.params.type).split(',').join(' or ')}` };
    case 'maxLength':
    case 'minLength': {
      const length = (error.data as string).length;
      const bound = error.keyword === 'maxLength' ? 'at most' : 'at least';
      return { segments, message: `must be ${bound} ${error.params.limit} characters (it has ${length})` };
    }
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return {
        segments,
        message: `must be ${error.params.comparison} ${error.params.limit} (it is ${show(error.data)})`,
      };
    case 'format': {
      const format = String(error.params.format);
      return { segments, message: `must be ${API_FORMATS[format]?.expected ?? `a valid ${format}`}` };
    }
    default:
      return { segments, message: error.message ?? `fails ${error.keyword}` };
  }
}

/**
 * With allErrors, an anyOf/oneOf failure comes with every branch's errors. Show instead
 * either one line ("must be string or object"), or — when one branch matched the value's
 * shape and failed deeper inside — only that branch's errors, as that is the one meant.
 */
function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const groups = errors
    .filter((e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && !e.params.passingSchemas)
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  let remaining = errors;
  for (const group of groups) {
    if (!remaining.includes(group)) continue;
    const prefix = `${group.schemaPath}/`;
    const branches = remaining.filter((e) => e.schemaPath.startsWith(prefix));
    remaining = remaining.filter((e) => e !== group && !e.schemaPath.startsWith(prefix));
    const deepest = branches.reduce<ErrorObject | undefined>(
      (best, e) => (!best || e.instancePath.length > best.instancePath.length ? e : best),
      undefined,
    );
    if (deepest && deepest.instancePath !== group.instancePath) {
      const branch = `${prefix}${deepest.schemaPath.slice(prefix.length).split('/')[0]}/`;
      remaining = remaining.concat(branches.filter((e) => e.schemaPath.startsWith(branch)));
      continue;
    }
    let message: string;
    if (branches.length > 0 && branches.every((e) => e.keyword === 'type')) {
      const types = new Set(branches.flatMap((e) => String(e.params.type).split(',')));
      message = `must be ${[...types].join(' or ')}`;
    } else {
      const alternatives = [...new Set(branches.map((e) => describe(e).message))];
      message = alternatives.length
        ? `must match one of: ${alternatives.join('; or ')}`
        : 'does not match any allowed form';
    }
    remaining = remaining.concat({ ...group, keyword: 'alternatives', message });
  }
  return remaining;
}

/** Pointer segments, with array indexes as numbers so paths read `callbacks[0]`. */
function toSegments(pointer: string): PathSegment[] {
  return fromPointer(pointer).map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** Where a value substituted from a values file came from, for a path at or inside it. */
function valueOrigin(parsed: ParsedConfigFile, segments: PathSegment[]): string | undefined {
  if (parsed.fromValues.size === 0) return undefined;
  for (let n = segments.length; n > 0; n--) {
    const origin = parsed.fromValues.get(toPointer(segments.slice(0, n)));
    if (origin) return origin;
  }
  return undefined;
}

/** The node at the path, or its nearest ancestor that has a position (e.g. for an unknown key). */
function nearestLocation(parsed: ParsedConfigFile, segments: PathSegment[]): NodeLocation {
  for (let n = segments.length; n >= 0; n--) {
    const found = parsed.locate(segments.slice(0, n));
    if (found) return found;
  }
  return { value: { file: parsed.file, line: 0, column: 0 } };
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
