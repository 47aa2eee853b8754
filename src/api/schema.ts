// PLACEHOLDER until schemas/auth0-management-api.yaml exists: `npm run gen:api` overwrites this
// file with the types generated from the document. Until then every path and schema is untyped.
// biome-ignore-all lint: generated file

export type paths = Record<string, any>;
export type components = { schemas: Record<string, any> };
