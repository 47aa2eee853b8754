/**
 * Rebuilds the nesting of the flattened seed from the grammar of OpenAPI 3.1
 * and JSON Schema 2020-12.
 *
 * The parser keeps a stack of open containers (frames). Each frame has a kind
 * (document, info, paths, path item, operation, parameter, schema, properties
 * map, list of schemas, …). For every entry it looks for the innermost frame
 * that can take the entry; frames above it are closed. An entry that fits no
 * open frame is an orphan (reported and dropped; the stack is left untouched).
 *
 * Ambiguity rules, applied in this order (see seed-damage.md):
 *  R1  No object has the same key twice: a duplicate key closes the object.
 *  R2  A key followed by `- ` lines holds a list, otherwise a mapping (or an
 *      inline scalar); the value's shape must be allowed for that key in that
 *      kind of object, and a nested mapping's first key must fit the kind of
 *      object expected there (a property's value starts with a schema keyword).
 *  R3  Free-name maps have recognisable keys: paths start with `/`, response
 *      keys are status codes, content keys are media types. A path key always
 *      goes to `paths` (it closes whatever is open).
 *  R4  Schema names are UpperCamelCase and come in alphabetical order: an
 *      UpperCamelCase key opening a schema, sorting after the previous schema
 *      name, goes to `components.schemas`. If no `components`/`schemas` is open
 *      (the big cut removed the headers), they are recreated.
 *  R5  A keyword must fit the schema's type: `items` only on arrays, `maxLength`
 *      only on strings, `format` not on objects, `default` matching the type.
 *  R6  `$ref` siblings are annotations only (`description`, `title`, `x-…`).
 *  R7  `required` (a list) belongs to the innermost open schema whose
 *      `properties` hold all the listed names (if none does, R8 decides).
 *  R8  A property is never a boolean or a plain scalar: `additionalProperties:
 *      false` (or `type: object`, `description: …`) after a property closes that
 *      property's map and belongs to the parent schema.
 *  R9  Otherwise the innermost open object wins. When more than one open frame
 *      is still plausible after R10–R16, the line is counted as a guess.
 *  R10 Key order: the seed writes the keys of each kind of object in a stable
 *      order (a first, innermost-wins pass measures it: key k is never seen after
 *      key j in that kind). An object that already holds j cannot take k.
 *      (E.g. a schema's `description` never follows its `properties`/`allOf`.)
 *  R11 An entry that fits no open object and opens a block starts an orphan
 *      fragment; everything up to the next path, operation or schema name is
 *      dropped with it. After a cut inside an operation the text that follows is
 *      the body of another operation: it is skipped the same way. After a cut
 *      inside a schema, its tail is skipped up to the next schema name.
 *  R12 A free-form mapping (`x-…`, examples) yields a key to an enclosing object
 *      that has it as a fixed field (`scopes` after `x-form-parameters`).
 *  R13 Known homes: an enclosing object of a kind that never held this key in
 *      the first pass is not a plausible owner (x-description-N live in
 *      responses, not in the responses map or the path item).
 *  R14 A property named like a schema keyword is only taken when no open schema
 *      inside the properties map can take the keyword.
 *  R15 `const`/`enum`/`default` values must fit the schema type (part of R5).
 *  R16 A mapping that was just opened (still empty), or a schema that so far only
 *      says `type: object|array`, takes the next keyword: forced, not a guess.
 *  R3b Status-code keys go to the nearest open responses map and media-type keys
 *      to the nearest content map, even when a properties map is open inside.
 * Properties literally named `type`, `description`, `default`, `items`, … are
 * recognised by R2/R8: in a properties map, a key opening a mapping whose first
 * key is a schema keyword is a property, whatever its name.
 */
import type { Entry } from './lexer.ts';

type Kind =
  | 'doc'
  | 'info'
  | 'contact'
  | 'license'
  | 'server'
  | 'serverVars'
  | 'serverVar'
  | 'paths'
  | 'pathItem'
  | 'operation'
  | 'parameter'
  | 'requestBody'
  | 'content'
  | 'mediaType'
  | 'encodingMap'
  | 'encoding'
  | 'responses'
  | 'response'
  | 'headers'
  | 'header'
  | 'components'
  | 'schemas'
  | 'schema'
  | 'props'
  | 'securitySchemes'
  | 'securityScheme'
  | 'flows'
  | 'flow'
  | 'strMap'
  | 'secReq'
  | 'discriminator'
  | 'externalDocs'
  | 'tag'
  | 'examplesMap'
  | 'example'
  | 'any'
  | 'componentMap'
  | 'links'
  | 'link'
  | 'list';

/** allowed forms of a field's value: s = inline scalar, m = mapping child kind, l = list with item kind */
interface FieldSpec {
  s?: boolean;
  m?: Kind;
  l?: Kind | 'str' | 'any';
}

const S: FieldSpec = { s: true };
const ANY: FieldSpec = { s: true, m: 'any', l: 'any' };
const X = (k: string) => k.startsWith('x-');

const FIELDS: Partial<Record<Kind, Record<string, FieldSpec>>> = {
  doc: {
    openapi: S,
    info: { m: 'info' },
    jsonSchemaDialect: S,
    servers: { l: 'server' },
    paths: { m: 'paths' },
    webhooks: { m: 'paths' },
    components: { m: 'components' },
    security: { l: 'secReq' },
    tags: { l: 'tag' },
    externalDocs: { m: 'externalDocs' },
  },
  info: {
    title: S,
    summary: S,
    description: S,
    termsOfService: S,
    contact: { m: 'contact' },
    license: { m: 'license' },
    version: S,
  },
  contact: { name: S, url: S, email: S },
  license: { name: S, identifier: S, url: S },
  server: { url: S, description: S, variables: { m: 'serverVars' } },
  serverVar: { enum: { l: 'str' }, default: S, description: S },
  externalDocs: { description: S, url: S },
  tag: { name: S, description: S, externalDocs: { m: 'externalDocs' } },
  pathItem: {
    $ref: S,
    summary: S,
    description: S,
    get: { m: 'operation' },
    put: { m: 'operation' },
    post: { m: 'operation' },
    delete: { m: 'operation' },
    options: { m: 'operation' },
    head: { m: 'operation' },
    patch: { m: 'operation' },
    trace: { m: 'operation' },
    servers: { l: 'server' },
    parameters: { l: 'parameter' },
  },
  operation: {
    tags: { l: 'str' },
    summary: S,
    description: S,
    externalDocs: { m: 'externalDocs' },
    operationId: S,
    parameters: { l: 'parameter' },
    requestBody: { m: 'requestBody' },
    responses: { m: 'responses' },
    callbacks: { m: 'any' },
    deprecated: S,
    security: { l: 'secReq' },
    servers: { l: 'server' },
  },
  parameter: {
    $ref: S,
    name: S,
    in: S,
    description: S,
    required: S,
    deprecated: S,
    allowEmptyValue: S,
    style: S,
    explode: S,
    allowReserved: S,
    schema: { m: 'schema' },
    example: ANY,
    examples: { m: 'examplesMap' },
    content: { m: 'content' },
  },
  header: {
    $ref: S,
    description: S,
    required: S,
    deprecated: S,
    style: S,
    explode: S,
    schema: { m: 'schema' },
    example: ANY,
    examples: { m: 'examplesMap' },
    content: { m: 'content' },
  },
  requestBody: { $ref: S, description: S, content: { m: 'content' }, required: S },
  mediaType: {
    schema: { m: 'schema' },
    example: ANY,
    examples: { m: 'examplesMap' },
    encoding: { m: 'encodingMap' },
  },
  encoding: { contentType: S, headers: { m: 'headers' }, style: S, explode: S, allowReserved: S },
  response: {
    $ref: S,
    description: S,
    headers: { m: 'headers' },
    content: { m: 'content' },
    links: { m: 'links' },
  },
  example: { $ref: S, summary: S, description: S, value: ANY, externalValue: S },
  link: { operationRef: S, operationId: S, parameters: { m: 'any' }, requestBody: ANY, description: S },
  components: {
    schemas: { m: 'schemas' },
    responses: { m: 'componentMap' },
    parameters: { m: 'componentMap' },
    examples: { m: 'componentMap' },
    requestBodies: { m: 'componentMap' },
    headers: { m: 'componentMap' },
    securitySchemes: { m: 'securitySchemes' },
    links: { m: 'componentMap' },
    callbacks: { m: 'componentMap' },
    pathItems: { m: 'componentMap' },
  },
  securityScheme: {
    type: S,
    description: S,
    name: S,
    in: S,
    scheme: S,
    bearerFormat: S,
    flows: { m: 'flows' },
    openIdConnectUrl: S,
  },
  flows: {
    implicit: { m: 'flow' },
    password: { m: 'flow' },
    clientCredentials: { m: 'flow' },
    authorizationCode: { m: 'flow' },
  },
  flow: { authorizationUrl: S, tokenUrl: S, refreshUrl: S, scopes: { m: 'strMap' } },
  discriminator: { propertyName: S, mapping: { m: 'strMap' } },
};

const SCHEMA_FIELDS: Record<string, FieldSpec> = {
  $ref: S,
  $id: S,
  $schema: S,
  $anchor: S,
  $comment: S,
  $defs: { m: 'props' },
  $dynamicRef: S,
  title: S,
  description: S,
  default: ANY,
  examples: { l: 'any' },
  example: ANY,
  deprecated: S,
  readOnly: S,
  writeOnly: S,
  type: { s: true, l: 'str' },
  enum: { l: 'any' },
  const: ANY,
  multipleOf: S,
  maximum: S,
  exclusiveMaximum: S,
  minimum: S,
  exclusiveMinimum: S,
  maxLength: S,
  minLength: S,
  pattern: S,
  maxItems: S,
  minItems: S,
  uniqueItems: S,
  maxContains: S,
  minContains: S,
  maxProperties: S,
  minProperties: S,
  required: { l: 'str' },
  dependentRequired: { m: 'any' },
  properties: { m: 'props', s: true },
  patternProperties: { m: 'props' },
  additionalProperties: { s: true, m: 'schema' },
  unevaluatedProperties: { s: true, m: 'schema' },
  propertyNames: { m: 'schema' },
  items: { m: 'schema', s: true },
  prefixItems: { l: 'schema' },
  contains: { m: 'schema' },
  allOf: { l: 'schema' },
  anyOf: { l: 'schema' },
  oneOf: { l: 'schema' },
  not: { m: 'schema' },
  if: { m: 'schema' },
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
  then: { m: 'schema' },
  else: { m: 'schema' },
  format: S,
  nullable: S,
  discriminator: { m: 'discriminator' },
  xml: { m: 'any' },
  externalDocs: { m: 'externalDocs' },
  contentMediaType: S,
  contentEncoding: S,
  contentSchema: { m: 'schema' },
};

/** R5: the schema types a keyword applies to */
const TYPE_KW: Record<string, string[]> = {
  maxLength: ['string'],
  minLength: ['string'],
  pattern: ['string'],
  contentEncoding: ['string'],
  contentMediaType: ['string'],
  format: ['string', 'integer', 'number'],
  minimum: ['integer', 'number'],
  maximum: ['integer', 'number'],
  exclusiveMinimum: ['integer', 'number'],
  exclusiveMaximum: ['integer', 'number'],
  multipleOf: ['integer', 'number'],
  items: ['array'],
  prefixItems: ['array'],
  minItems: ['array'],
  maxItems: ['array'],
  uniqueItems: ['array'],
  contains: ['array'],
  properties: ['object'],
  additionalProperties: ['object'],
  required: ['object'],
  minProperties: ['object'],
  maxProperties: ['object'],
  patternProperties: ['object'],
  propertyNames: ['object'],
  dependentRequired: ['object'],
  unevaluatedProperties: ['object'],
};

/** R6: keys allowed next to `$ref` */
const REF_SIBLINGS = new Set(['description', 'title', 'summary']);

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export const SCHEMA_NAME_RE = /^[A-Z][A-Za-z0-9_.]*$/;

type Obj = Record<string, unknown>;

interface Frame {
  kind: Kind;
  list: boolean;
  /** for lists: item kind */
  item?: Kind | 'str' | 'any';
  obj: Obj | unknown[];
  /** key under which this frame was opened */
  key?: string;
  line: number;
}

export interface Fragment {
  from: number;
  to: number;
  after: string;
  /** operationIds met inside the fragment (whose operations they were) */
  operationIds: string[];
}

export interface Orphan {
  line: number;
  text: string;
}

export interface ParseResult {
  doc: Obj;
  orphans: Orphan[];
  /** lines where more than one open object could take the key (R9 decided) */
  guesses: number[];
  /** schema-name lines that a properties map could also have taken (R4 decided by name and order) */
  ruleDecisions: number[];
  /** lines at which components/schemas headers were recreated */
  recreatedHeaders: number[];
  /** lines of entries per JSON pointer-ish location, to map cuts to operations/schemas */
  cutLocations: { line: number; path: string[] }[];
  /** operations that contained a cut: [path, method] */
  cutOperations: { path: string; method: string; line: number }[];
  /** fragments skipped after a cut in the paths section (until the next method or path key) */
  skippedFragments: Fragment[];
  /** schema tails dropped after a cut in the schemas section */
  droppedTails: { schema: string; from: number; to: number }[];
  /** large gaps: operation/path that was open when an unplaceable fragment began */
  fragmentStarts: { line: number; path: string[] }[];
}

function isSchemaKey(k: string): boolean {
  return k in SCHEMA_FIELDS || X(k);
}

function schemaTypes(o: Obj): string[] | undefined {
  const t = o.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t) && t.length && t.every((x) => typeof x === 'string')) return t as string[];
  if ('properties' in o) return ['object'];
  if ('items' in o) return ['array'];
  return undefined;
}

function valueType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function fieldSpec(kind: Kind, key: string): FieldSpec | undefined {
  if (kind === 'schema') return SCHEMA_FIELDS[key] ?? (X(key) ? ANY : undefined);
  const f = FIELDS[kind];
  if (f && key in f) return f[key];
  if (X(key) && kind !== 'props' && kind !== 'strMap') return ANY;
  return undefined;
}

function isStatusKey(k: string): boolean {
  return /^[1-5](?:\d\d|XX)$/.test(k) || k === 'default';
}

function isMediaType(k: string): boolean {
  return /^[\w.+*-]+\/[\w.+*-]+(?:;.*)?$/.test(k);
}

/** the first key a mapping of this kind may start with */
function firstKeyFits(kind: Kind, next: Entry | undefined): boolean {
  if (!next || next.dash || next.key === undefined) return false;
  const k = next.key;
  switch (kind) {
    case 'schema':
      return isSchemaKey(k);
    case 'props':
    case 'strMap':
    case 'any':
    case 'componentMap':
    case 'serverVars':
    case 'headers':
    case 'examplesMap':
    case 'encodingMap':
    case 'links':
    case 'securitySchemes':
      return true;
    case 'paths':
      return k.startsWith('/') || X(k);
    case 'responses':
      return isStatusKey(k) || X(k);
    case 'content':
      return isMediaType(k);
    case 'schemas':
      return SCHEMA_NAME_RE.test(k);
    default:
      return fieldSpec(kind, k) !== undefined;
  }
}

/** kind of the value of a free-name map entry */
function freeChild(kind: Kind, key: string): Kind | 'scalar' | undefined {
  switch (kind) {
    case 'paths':
      return key.startsWith('/') ? 'pathItem' : undefined;
    case 'responses':
      return isStatusKey(key) ? 'response' : undefined;
    case 'content':
      return isMediaType(key) ? 'mediaType' : undefined;
    case 'schemas':
      return SCHEMA_NAME_RE.test(key) ? 'schema' : undefined;
    case 'props':
      return 'schema';
    case 'headers':
      return 'header';
    case 'serverVars':
      return 'serverVar';
    case 'securitySchemes':
      return 'securityScheme';
    case 'examplesMap':
      return 'example';
    case 'encodingMap':
      return 'encoding';
    case 'links':
      return 'link';
    case 'componentMap':
    case 'any':
      return 'any';
    case 'strMap':
      return 'scalar';
    default:
      return undefined;
  }
}

type Decision =
  | { how: 'scalar' }
  | { how: 'map'; child: Kind }
  | { how: 'list'; item: Kind | 'str' | 'any' }
  | { how: 'null' };

/** Can a mapping frame take `key` given the entry and the next entry? Returns how, or undefined. */
function firstItemFits(item: Kind | 'str' | 'any', next: Entry, afterNext: Entry | undefined): boolean {
  const probe: Frame = { kind: 'list', list: true, item, obj: [], line: next.line };
  return acceptItem(probe, next, afterNext) !== undefined;
}

function acceptKey(f: Frame, e: Entry, next: Entry | undefined, afterNext?: Entry): Decision | undefined {
  const key = e.key as string;
  const o = f.obj as Obj;
  if (Object.hasOwn(o, key)) return undefined; // R1
  const nextIsDash = !!next && next.dash;
  let spec: FieldSpec | undefined;
  if (f.kind === 'schema') {
    spec = fieldSpec('schema', key);
    if (!spec) return undefined;
    // R6: $ref siblings are annotations only
    if ('$ref' in o && !(REF_SIBLINGS.has(key) || X(key))) return undefined;
    if (key === '$ref' && Object.keys(o).some((k) => !(REF_SIBLINGS.has(k) || X(k)))) return undefined;
    // R5: keyword must fit the type
    const types = schemaTypes(o);
    const need = TYPE_KW[key];
    if (types && need && !need.some((t) => types.includes(t))) return undefined;
    if (key === 'type' && (o.properties !== undefined || o.items !== undefined)) {
      // a `type` arriving after properties/items can only be a late type: accept only if consistent
      const t = e.hasValue ? [e.value] : [];
      if (o.properties !== undefined && t.length && t[0] !== 'object') return undefined;
      if (o.items !== undefined && t.length && t[0] !== 'array') return undefined;
    }
    if (key === 'default' && types) {
      if (e.hasValue) {
        const vt = valueType(e.value);
        const ok =
          types.includes(vt) ||
          (vt === 'integer' && types.includes('number')) ||
          (vt === 'null' && types.includes('null')) ||
          (vt === 'object' && types.includes('object'));
        if (!ok) return undefined;
      } else if (nextIsDash) {
        if (!types.includes('array')) return undefined;
      } else if (!types.includes('object')) return undefined;
    }
    if (key === 'enum' && types && e.hasValue === false && !nextIsDash) return undefined;
    if (key === 'const' && types && e.hasValue) {
      const vt = valueType(e.value);
      if (!(types.includes(vt) || (vt === 'integer' && types.includes('number')))) return undefined;
    }
  } else if (f.kind === 'props') {
    // R2/R8: a property's value is a schema: a mapping starting with a schema keyword (or `{}`)
    if (e.hasValue) {
      if (e.value && typeof e.value === 'object' && !Array.isArray(e.value)) return { how: 'scalar' };
      return undefined;
    }
    if (nextIsDash) return undefined;
    if (!firstKeyFits('schema', next)) return undefined;
    return { how: 'map', child: 'schema' };
  } else {
    spec = fieldSpec(f.kind, key);
    if (!spec) {
      const fc = freeChild(f.kind, key);
      if (!fc) return undefined;
      if (fc === 'scalar')
        return e.hasValue ? { how: 'scalar' } : nextIsDash ? { how: 'list', item: 'str' } : undefined;
      if (e.hasValue) {
        // `$ref` objects are not inline; an inline value only for flow `{}`
        if (fc === 'any') return { how: 'scalar' };
        if (e.value && typeof e.value === 'object') return { how: 'scalar' };
        return undefined;
      }
      if (fc === 'any') return nextIsDash ? { how: 'list', item: 'any' } : { how: 'map', child: 'any' };
      if (nextIsDash) return undefined;
      if (!firstKeyFits(fc, next)) return undefined;
      return { how: 'map', child: fc };
    }
  }
  if (!spec) return undefined;
  // a Reference Object is `$ref` alone (plus summary/description)
  if (
    key === '$ref' &&
    f.kind !== 'schema' &&
    Object.keys(o).some((k) => k !== 'summary' && k !== 'description')
  )
    return undefined;
  if (e.hasValue) {
    if (spec.s) return { how: 'scalar' };
    // flow collections for list/map fields
    if (Array.isArray(e.value) && spec.l) return { how: 'scalar' };
    if (e.value && typeof e.value === 'object' && spec.m) return { how: 'scalar' };
    return undefined;
  }
  if (nextIsDash && spec.l) {
    // R2: the first item must fit the list's item kind
    if (!firstItemFits(spec.l, next as Entry, afterNext)) return undefined;
    return { how: 'list', item: spec.l };
  }
  if (!nextIsDash && spec.m && (spec.m === 'any' || firstKeyFits(spec.m, next)))
    return { how: 'map', child: spec.m };
  if (spec.s && !spec.m && !spec.l) return undefined; // a scalar-only key opening a block: not here
  if (spec.s) return { how: 'null' };
  return undefined;
}

/** Can a list frame take the dash entry? */
function acceptItem(f: Frame, e: Entry, next: Entry | undefined, _afterNext?: Entry): Decision | undefined {
  const item = f.item as Kind | 'str' | 'any';
  if (item === 'str') {
    if (e.key === undefined && e.hasValue) return { how: 'scalar' };
    return undefined;
  }
  if (item === 'any') {
    if (e.key === undefined) return e.hasValue ? { how: 'scalar' } : undefined;
    return { how: 'map', child: 'any' };
  }
  if (e.key === undefined) return undefined;
  const probe: Frame = { kind: item, list: false, obj: {}, line: e.line };
  if (item === 'secReq') return { how: 'map', child: 'secReq' };
  const d = acceptKey(probe, { ...e, dash: false }, next);
  if (!d) return undefined;
  return { how: 'map', child: item };
}

/** Frame kinds for secReq: any key, value `[]` or list of scopes. */
function acceptSecReq(f: Frame, e: Entry, next: Entry | undefined): Decision | undefined {
  const o = f.obj as Obj;
  if (e.key === undefined || Object.hasOwn(o, e.key)) return undefined;
  if (e.hasValue) return Array.isArray(e.value) ? { how: 'scalar' } : undefined;
  if (next?.dash) return { how: 'list', item: 'str' };
  return undefined;
}

function accepts(f: Frame, e: Entry, next: Entry | undefined, afterNext?: Entry): Decision | undefined {
  if (f.list) return e.dash ? acceptItem(f, e, next) : undefined;
  if (e.dash) return undefined;
  if (e.key === undefined) return undefined;
  if (f.kind === 'secReq') return acceptSecReq(f, e, next);
  if (f.kind === 'any') {
    if (Object.hasOwn(f.obj as Obj, e.key)) return undefined;
    if (e.hasValue) return { how: 'scalar' };
    return next?.dash ? { how: 'list', item: 'any' } : { how: 'map', child: 'any' };
  }
  return acceptKey(f, e, next, afterNext);
}

function framePath(stack: Frame[]): string[] {
  const p: string[] = [];
  for (const f of stack) {
    if (f.key !== undefined) p.push(f.key);
  }
  return p;
}

/** R10: per object kind, for key k the set of keys that (in this seed) always come after k */
export type OrderTable = Map<string, Map<string, Set<string>>>;

const ORDERED_KINDS = new Set<Kind>([
  'doc',
  'info',
  'pathItem',
  'operation',
  'parameter',
  'requestBody',
  'mediaType',
  'response',
  'header',
  'components',
  'schema',
  'securityScheme',
]);

/** R13: the keys each kind of object held after the first pass */
function homeTable(objs: { kind: Kind; obj: Obj }[]): Map<string, Set<string>> {
  const t = new Map<string, Set<string>>();
  for (const { kind, obj } of objs) {
    const set = t.get(kind) ?? new Set<string>();
    t.set(kind, set);
    for (const k of Object.keys(obj)) set.add(k);
  }
  return t;
}

function orderTable(objs: { kind: Kind; obj: Obj }[]): OrderTable {
  const counts = new Map<string, Map<string, number>>();
  for (const { kind, obj } of objs) {
    if (!ORDERED_KINDS.has(kind)) continue;
    const ks = Object.keys(obj);
    for (let i = 0; i < ks.length; i++)
      for (let j = i + 1; j < ks.length; j++) {
        const id = `${kind}\u0000${ks[i]}\u0000${ks[j]}`;
        const m = counts.get(kind) ?? new Map<string, number>();
        counts.set(kind, m);
        m.set(id, (m.get(id) ?? 0) + 1);
      }
  }
  const table: OrderTable = new Map();
  for (const [kind, m] of counts) {
    const t = new Map<string, Set<string>>();
    table.set(kind, t);
    for (const [id, n] of m) {
      const [, a, b] = id.split('\u0000');
      if (n >= 3 && !m.has(`${kind}\u0000${b}\u0000${a}`)) {
        const set = t.get(a) ?? new Set<string>();
        t.set(a, set);
        set.add(b);
      }
    }
  }
  return table;
}

/** Two passes: the first (innermost-wins) pass measures the seed's key order per object kind (R10). */
export function parseEntries(entries: Entry[]): ParseResult {
  const first = parsePass(entries, undefined, undefined);
  return parsePass(entries, orderTable(first.objects), homeTable(first.objects));
}

function parsePass(
  entries: Entry[],
  order: OrderTable | undefined,
  homes: Map<string, Set<string>> | undefined,
): ParseResult & { objects: { kind: Kind; obj: Obj }[] } {
  /** R13: an enclosing object of a kind that never held this key in the first pass is implausible */
  const unknownHome = (f: Frame, k: string): boolean => {
    if (
      !homes ||
      f.list ||
      f.kind === 'props' ||
      f.kind === 'any' ||
      f.kind === 'strMap' ||
      f.kind === 'secReq'
    )
      return false;
    return !homes.get(f.kind)?.has(k);
  };
  const objects: { kind: Kind; obj: Obj }[] = [];
  /** R10: would adding key k to frame f break the seed's key order? */
  const outOfOrder = (f: Frame, k: string): boolean => {
    if (!order || f.list) return false;
    const after = order.get(f.kind)?.get(k);
    if (!after) return false;
    for (const j of Object.keys(f.obj as Obj)) if (after.has(j)) return true;
    return false;
  };
  const doc: Obj = {};
  const stack: Frame[] = [{ kind: 'doc', list: false, obj: doc, line: 0 }];
  const orphans: Orphan[] = [];
  const guesses: number[] = [];
  const ruleDecisions: number[] = [];
  const recreatedHeaders: number[] = [];
  const cutLocations: { line: number; path: string[] }[] = [];
  const droppedTails: { schema: string; from: number; to: number }[] = [];
  const fragmentStarts: { line: number; path: string[] }[] = [];
  let lastSchemaName = '';
  let skipTailOf: { schema: string; from: number } | null = null;
  let skipFragment: { from: number; after: string; operationIds: string[] } | null = null;
  const cutOperations: { path: string; method: string; line: number }[] = [];
  const skippedFragments: Fragment[] = [];
  let lastWasOrphan = false;

  const apply = (idx: number, d: Decision, e: Entry) => {
    stack.length = idx + 1;
    const f = stack[idx];
    if (f.list) {
      const arr = f.obj as unknown[];
      if (d.how === 'scalar') {
        arr.push(e.value);
        return;
      }
      const itemObj: Obj = {};
      arr.push(itemObj);
      const child = (d as { child: Kind }).child;
      const itemFrame: Frame = {
        kind: child,
        list: false,
        obj: itemObj,
        line: e.line,
        key: String(arr.length - 1),
      };
      objects.push({ kind: child, obj: itemObj });
      stack.push(itemFrame);
      const inner = { ...e, dash: false };
      const d2 =
        child === 'secReq'
          ? (acceptSecReq(itemFrame, inner, undefined) ?? decideSecReq(inner))
          : child === 'any'
            ? e.hasValue
              ? ({ how: 'scalar' } as Decision)
              : ({ how: 'map', child: 'any' } as Decision)
            : acceptKey(itemFrame, inner, nextOf(e), entries[cur + 2]);
      applyKey(itemFrame, d2 ?? { how: 'null' }, inner);
      return;
    }
    applyKey(f, d, e);
  };

  const decideSecReq = (e: Entry): Decision =>
    e.hasValue ? { how: 'scalar' } : { how: 'list', item: 'str' };

  let cur = 0;
  const nextOf = (_e: Entry): Entry | undefined => entries[cur + 1];

  const applyKey = (f: Frame, d: Decision, e: Entry) => {
    const o = f.obj as Obj;
    const key = e.key as string;
    if (d.how === 'scalar') o[key] = e.value;
    else if (d.how === 'null') o[key] = null;
    else if (d.how === 'list') {
      const arr: unknown[] = [];
      o[key] = arr;
      stack.push({ kind: 'list', list: true, item: d.item, obj: arr, key, line: e.line });
    } else {
      const child: Obj = {};
      o[key] = child;
      stack.push({ kind: d.child, list: false, obj: child, key, line: e.line });
      objects.push({ kind: d.child, obj: child });
    }
  };

  for (cur = 0; cur < entries.length; cur++) {
    const e = entries[cur];
    const next = entries[cur + 1];
    const next2 = entries[cur + 2];

    const isSchemaName =
      !e.dash &&
      e.key !== undefined &&
      !e.hasValue &&
      SCHEMA_NAME_RE.test(e.key) &&
      firstKeyFits('schema', next) &&
      e.key > lastSchemaName;

    // after a cut inside a schema, its tail belongs to another schema: skip until the next schema name
    if (skipTailOf) {
      const schemasOpen = stack.some((f) => f.kind === 'schemas');
      if (!(isSchemaName && schemasOpen)) continue;
      droppedTails.push({ schema: skipTailOf.schema, from: skipTailOf.from, to: e.line - 1 });
      skipTailOf = null;
    }

    let target = -1;
    let decision: Decision | undefined;
    // after a cut inside an operation, the text that follows is the body of some other operation:
    // skip until the next path key or HTTP method key that opens an operation
    if (skipFragment) {
      const pathItem = [...stack].reverse().find((f) => f.kind === 'pathItem');
      const resumes =
        !e.dash &&
        e.key !== undefined &&
        !e.hasValue &&
        (e.key.startsWith('/') ||
          (METHODS.has(e.key) &&
            firstKeyFits('operation', next) &&
            pathItem !== undefined &&
            !Object.hasOwn(pathItem.obj as Obj, e.key)) ||
          isSchemaName);
      if (!resumes) {
        if (e.key === 'operationId' && e.hasValue) skipFragment.operationIds.push(String(e.value));
        continue;
      }
      skippedFragments.push({ ...skipFragment, to: e.line - 1 });
      skipFragment = null;
    }
    // R3: path keys always go to paths
    if (!e.dash && e.key?.startsWith('/') && !e.hasValue) {
      const pi = stack.findIndex((f) => f.kind === 'paths');
      if (pi >= 0) {
        decision = accepts(stack[pi], e, next, next2);
        if (decision) target = pi;
      }
    }
    // R3: status codes go to the nearest open responses map, media types to the nearest content map
    if (
      target < 0 &&
      !e.dash &&
      e.key !== undefined &&
      !e.hasValue &&
      (/^[1-5]\d\d$/.test(e.key) || isMediaType(e.key))
    ) {
      const want: Kind = isMediaType(e.key) ? 'content' : 'responses';
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].kind !== want) continue;
        const d = accepts(stack[k], e, next, next2);
        if (d) {
          target = k;
          decision = d;
        }
        break;
      }
    }
    // R4: schema names
    if (target < 0 && isSchemaName) {
      let si = stack.findIndex((f) => f.kind === 'schemas');
      if (si < 0 && stack.some((f) => f.kind === 'paths' || f.kind === 'components')) {
        // the big cut removed `components:` and `schemas:`: recreate them
        let ci = stack.findIndex((f) => f.kind === 'components');
        if (ci < 0) {
          stack.length = 1;
          const comps: Obj = (doc.components as Obj) ?? {};
          doc.components = comps;
          stack.push({ kind: 'components', list: false, obj: comps, key: 'components', line: e.line });
          ci = 1;
        }
        stack.length = ci + 1;
        const comps = stack[ci].obj as Obj;
        const schemas: Obj = (comps.schemas as Obj) ?? {};
        comps.schemas = schemas;
        stack.push({ kind: 'schemas', list: false, obj: schemas, key: 'schemas', line: e.line });
        si = stack.length - 1;
        recreatedHeaders.push(e.line);
      }
      if (si >= 0) {
        decision = accepts(stack[si], e, next, next2);
        if (decision) {
          // note when a properties map deeper in the stack would also have taken it (decided by R4)
          for (let k = stack.length - 1; k > si; k--) {
            if (stack[k].kind === 'props' && accepts(stack[k], e, next, next2)) {
              ruleDecisions.push(e.line);
              break;
            }
          }
          target = si;
          lastSchemaName = e.key as string;
        }
      }
    }
    // R7: `required` lists go to the schema whose properties hold the names
    if (target < 0 && !e.dash && e.key === 'required' && !e.hasValue && next?.dash) {
      const names: string[] = [];
      for (let k = cur + 1; k < entries.length && entries[k].dash && entries[k].key === undefined; k++) {
        names.push(String(entries[k].value));
      }
      const cands: number[] = [];
      for (let k = stack.length - 1; k >= 0; k--) {
        const f = stack[k];
        if (f.kind === 'schema' && !f.list && accepts(f, e, next, next2)) cands.push(k);
      }
      const holds = cands.find((k) => {
        const props = (stack[k].obj as Obj).properties as Obj | undefined;
        return props && typeof props === 'object' && names.every((n) => Object.hasOwn(props, n));
      });
      if (holds !== undefined) {
        target = holds;
        decision = accepts(stack[holds], e, next, next2);
      } else if (cands.length) {
        if (cands.length > 1) guesses.push(e.line);
        target = cands[0];
        decision = accepts(stack[target], e, next, next2);
      }
    }
    if (target < 0) {
      const cands: { k: number; d: Decision; inOrder: boolean }[] = [];
      for (let k = stack.length - 1; k >= 0; k--) {
        const d = accepts(stack[k], e, next, next2);
        if (d)
          cands.push({
            k,
            d,
            inOrder:
              e.key === undefined ||
              (!outOfOrder(stack[k], e.key) && (cands.length === 0 || !unknownHome(stack[k], e.key))),
          });
      }
      let plausible = cands.filter((c) => c.inOrder);
      // R14: a property named like a schema keyword is only taken when no open schema inside it takes the keyword
      if (
        plausible.length > 1 &&
        stack[plausible[0].k].kind === 'schema' &&
        e.key !== undefined &&
        isSchemaKey(e.key)
      ) {
        plausible = plausible.filter((c, i) => i === 0 || stack[c.k].kind !== 'props');
      }
      // R12: a free-form (`x-…`, example) mapping yields a key to an enclosing object that has it as a fixed field
      if (plausible.length > 1 && stack[plausible[0].k].kind === 'any' && e.key !== undefined) {
        const fixed = plausible.find(
          (c) =>
            stack[c.k].kind !== 'any' &&
            !stack[c.k].list &&
            fieldSpec(stack[c.k].kind, e.key as string) &&
            !X(e.key as string),
        );
        if (fixed) plausible = [fixed, ...plausible.filter((c) => c !== fixed)];
      }
      // R2: a mapping that was just opened is still empty; its first key is forced (no guess).
      // R16: likewise a schema that so far only says `type: object` / `type: array` takes the structural
      // keyword that gives it content (`properties`, `items`, …): `{type: object}` alone as a
      // composition member or property says nothing.
      if (plausible.length > 1 && !stack[plausible[0].k].list) {
        const inner = stack[plausible[0].k].obj as Obj;
        const ks = Object.keys(inner);
        const bareContainer =
          stack[plausible[0].k].kind === 'schema' &&
          ks.length === 1 &&
          ks[0] === 'type' &&
          (inner.type === 'object' || inner.type === 'array') &&
          ['properties', 'items', 'additionalProperties', 'required'].includes(e.key ?? '');
        if (ks.length === 0 || bareContainer) plausible = [plausible[0]];
      }
      const pick = plausible[0] ?? cands[0];
      if (pick) {
        target = pick.k;
        decision = pick.d;
      }
      if (plausible.length > 1) {
        guesses.push(e.line);
        if (process.env.RESTORE_DEBUG_GUESSES && homes)
          console.error(`guess ${e.line} ${e.key}: ${plausible.map((c) => stack[c.k].kind).join(' | ')}`);
      }
    }
    if (target < 0 || !decision) {
      if (!lastWasOrphan) fragmentStarts.push({ line: e.line, path: framePath(stack) });
      orphans.push({
        line: e.line,
        text: `${e.dash ? '- ' : ''}${e.key !== undefined ? `${e.key}:` : ''}${e.hasValue ? ` ${JSON.stringify(e.value)}` : ''}`,
      });
      lastWasOrphan = true;
      // R11: an entry that fits nowhere and opens a block starts an orphan fragment: everything up to
      // the next path, operation or schema name goes with it.
      if (!e.hasValue)
        skipFragment = {
          from: e.line,
          after: `orphan \`${e.key ?? '-'}:\` at line ${e.line}`,
          operationIds: [],
        };
      continue;
    }
    lastWasOrphan = false;
    apply(target, decision, e);
    if (e.cut) {
      const path = framePath(stack);
      cutLocations.push({ line: e.line, path });
      const si = stack.findIndex((f) => f.kind === 'schemas');
      const oi = stack.findIndex((f) => f.kind === 'operation');
      if (oi >= 2 && stack[oi - 1].kind === 'pathItem') {
        cutOperations.push({
          path: stack[oi - 1].key as string,
          method: stack[oi].key as string,
          line: e.line,
        });
        skipFragment = {
          from: e.endLine + 1,
          after: `${(stack[oi].key as string).toUpperCase()} ${stack[oi - 1].key}`,
          operationIds: [],
        };
      } else if (si >= 0 && stack.length > si + 1) {
        skipTailOf = { schema: stack[si + 1].key as string, from: e.endLine + 1 };
      }
    }
  }
  if (skipTailOf)
    droppedTails.push({
      schema: skipTailOf.schema,
      from: skipTailOf.from,
      to: entries[entries.length - 1]?.endLine ?? 0,
    });
  if (skipFragment) skippedFragments.push({ ...skipFragment, to: entries[entries.length - 1]?.endLine ?? 0 });
  return {
    objects,
    doc,
    orphans,
    guesses,
    ruleDecisions,
    recreatedHeaders,
    cutLocations,
    cutOperations,
    skippedFragments,
    droppedTails,
    fragmentStarts,
  };
}
