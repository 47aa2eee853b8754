import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ApiDocument, Json, Operation } from './document.ts';
import { badRequest } from '../http/api-error.ts';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const DOCUMENT_ID = 'api';

interface Validators {
  body: Ajv2020;
  query: Ajv2020;
}

const ajvByDocument = new WeakMap<ApiDocument, Validators>();
const bodyValidators = new WeakMap<Operation, ValidateFunction | null>();
const queryValidators = new WeakMap<Operation, ValidateFunction | null>();

function validatorsFor(document: ApiDocument): Validators {
  let validators = ajvByDocument.get(document);
  if (!validators) {
    validators = { body: newAjv(document, false), query: newAjv(document, true) };
    ajvByDocument.set(document, validators);
  }
  return validators;
}

function newAjv(document: ApiDocument, coerce: boolean): Ajv2020 {
  // strict off: OpenAPI schemas carry keywords JSON Schema does not know (example, x-…).
  const ajv = new Ajv2020({
    strict: false,
    allErrors: false,
    validateSchema: false,
    logger: false,
    verbose: true,
    // Not inlining shared sub-schemas compiles the big create schemas (clients, connections) faster.
    inlineRefs: false,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: false,
  });
  addFormats(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.raw.components ?? {} });
  return ajv;
}

/** Points local `#/components/…` refs at the registered document, so fragments compile alone. */
function anchorRefs(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(anchorRefs);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${DOCUMENT_ID}${value}`
        : anchorRefs(value);
  }
  return copy;
}

/** Throws the API's 400 `invalid_body` when the JSON body does not match the operation's schema. */
export function validateBody(document: ApiDocument, operation: Operation, body: unknown): void {
  if (operation.requestBodySchema === undefined || operation.placeholderBody) return;
  // Decided without compiling where possible: an absent required body is a 400, an absent
  // optional one on an update changes nothing; a create without a body is checked as `{}`.
  if (body === undefined) {
    if (operation.requestBodyRequired) {
      throw badRequest(
        "Payload validation error: 'Expected type object but found type undefined'.",
        'invalid_body',
      );
    }
    if (operation.method !== 'post') return;
  }
  const validate = compiledFor(bodyValidators, operation, () =>
    compileOrNull(validatorsFor(document).body, anchorRefs(operation.requestBodySchema)),
  );
  if (!validate || validate(body ?? {})) return;
  throw badRequest(`Payload validation error: ${describeFirst(validate)}`, 'invalid_body');
}

/**
 * Validates and coerces the query string into typed values (numbers, booleans, arrays), per the
 * operation's declared query parameters. Throws 400 `invalid_query_string`.
 */
export function parseQuery(
  document: ApiDocument,
  operation: Operation,
  search: URLSearchParams,
): Record<string, unknown> {
  const declared = operation.parameters.filter((p) => p.in === 'query');
  const query: Record<string, unknown> = {};
  for (const key of new Set(search.keys())) {
    const parameter = declared.find((p) => p.name === key);
    const values = search.getAll(key);
    query[key] =
      parameter && isArraySchema(document, parameter.schema)
        ? values.flatMap((v) => (parameter.explode ? [v] : v.split(',')))
        : values[values.length - 1];
  }
  const validate = compiledFor(queryValidators, operation, () =>
    compileOrNull(validatorsFor(document).query, {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(declared.map((p) => [p.name, anchorRefs(p.schema)])),
      required: declared.filter((p) => p.required).map((p) => p.name),
    }),
  );
  if (validate && !validate(query)) {
    throw badRequest(`Query validation error: ${describeFirst(validate)}`, 'invalid_query_string');
  }
  return query;
}

function isArraySchema(document: ApiDocument, schema: Json): boolean {
  const resolved = document.deref(schema);
  return resolved?.type === 'array' || (Array.isArray(resolved?.type) && resolved.type.includes('array'));
}

/** Compiles once per operation; `null` (a schema that would not compile) is cached too. */
function compiledFor(
  cache: WeakMap<Operation, ValidateFunction | null>,
  operation: Operation,
  compile: () => ValidateFunction | null,
): ValidateFunction | null {
  let validate = cache.get(operation);
  if (validate === undefined) {
    validate = compile();
    cache.set(operation, validate);
  }
  return validate;
}

function compileOrNull(ajv: Ajv2020, schema: Json): ValidateFunction | null {
  try {
    return ajv.compile(schema);
  } catch {
    // A schema the restored document got wrong must not take the operation down: accept the body.
    return null;
  }
}

const KEYWORD_RANK: Record<string, number> = { additionalProperties: 0, required: 1, type: 2, enum: 3 };

/** One error to report, as the API does; composition noise (oneOf/anyOf) is the last resort. */
function pickError(errors: ErrorObject[]): ErrorObject | undefined {
  const concrete = errors.filter(
    (e) => !['oneOf', 'anyOf', 'allOf', 'if', 'not', 'discriminator'].includes(e.keyword),
  );
  const pool = concrete.length > 0 ? concrete : errors;
  return [...pool].sort((a, b) => (KEYWORD_RANK[a.keyword] ?? 9) - (KEYWORD_RANK[b.keyword] ?? 9))[0];
}

const describeFirst = (validate: ValidateFunction) => describe(pickError(validate.errors ?? []));

function describe(error: ErrorObject | undefined): string {
  if (!error) return "'Invalid payload'.";
  const property = error.instancePath.slice(1).replace(/\//g, '.');
  const where = property ? ` on property ${property}` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `'Additional properties not allowed: ${String(params.additionalProperty)}'${where}.`;
    case 'required':
      return `'Missing required property: ${String(params.missingProperty)}'${where}.`;
    case 'type':
      return `'Expected type ${String(params.type)} but found type ${typeName(error.data)}'${where}.`;
    case 'enum':
      return `'No enum match for: ${JSON.stringify(error.data)}'${where}.`;
    default:
      return `'${error.message ?? 'Invalid value'}'${where}.`;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}
