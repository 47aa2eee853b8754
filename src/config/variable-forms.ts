// `session_lifetime: ${HOURS}` is a string until substituted. The config schema editors read
// accepts a `${VAR}` string wherever a number or boolean goes, so they flag nothing; the
// loader validates the substituted value against the schema without that allowance
// (forValidation).

type Schema = Record<string, unknown>;

const VARIABLE_DEF = 'variable';
const VARIABLE_REF = `#/$defs/${VARIABLE_DEF}`;
const SCALAR_TYPES = new Set(['integer', 'number', 'boolean']);
/** Kept beside the alternatives: what editors show on hover and offer on completion. */
const ANNOTATIONS = ['description', 'default', 'title', 'deprecated'];

export const VARIABLE_SCHEMA: Schema = {
  type: 'string',
  pattern: '^\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}$',
  description: 'A variable, substituted before validation: ${NAME} or ${NAME:-default}.',
};

/** Every number, integer or boolean schema also accepts a `${VAR}` string (for editors). */
export function acceptVariables(root: Schema): Schema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const out: Schema = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'enum' || k === 'const' ? v : visit(v);
    const types = Array.isArray(out.type) ? out.type : [out.type];
    if (!types.some((t) => SCALAR_TYPES.has(t as string))) return out;
    const annotations: Schema = {};
    for (const k of ANNOTATIONS) {
      if (k in out) {
        annotations[k] = out[k];
        delete out[k];
      }
    }
    return { ...annotations, anyOf: [out, { $ref: VARIABLE_REF }] };
  };
  const out = visit(root) as Schema;
  out.$defs = { ...(out.$defs as Schema), [VARIABLE_DEF]: VARIABLE_SCHEMA };
  return out;
}

/**
 * The schema for validation: without the `${VAR}` alternatives (substituted values are
 * checked as they are), and without the properties a map with a fixed set of names lists
 * only so that editors complete them (each the same as its additionalProperties): ajv would
 * compile each, seconds for the prompts × languages of custom texts.
 */
export function forValidation(root: Schema): Schema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const source = node as Schema;
    if (source.propertyNames && source.properties && source.additionalProperties) {
      const same = JSON.stringify(source.additionalProperties);
      const listed = Object.values(source.properties as Schema);
      if (listed.every((p) => JSON.stringify(p) === same)) {
        const { properties: _, ...rest } = source;
        return visit(rest);
      }
    }
    const alternatives = source.anyOf;
    if (
      Array.isArray(alternatives) &&
      alternatives.length === 2 &&
      (alternatives[1] as Schema | undefined)?.$ref === VARIABLE_REF
    ) {
      const { anyOf: _, ...annotations } = source;
      return { ...annotations, ...(visit(alternatives[0]) as Schema) };
    }
    const out: Schema = {};
    for (const [k, v] of Object.entries(source)) out[k] = visit(v);
    return out;
  };
  const out = visit(root) as Schema;
  if (out.$defs) {
    const { [VARIABLE_DEF]: _, ...defs } = out.$defs as Schema;
    out.$defs = defs;
  }
  return out;
}
