// PLACEHOLDER until schemas/auth0-management-api.yaml exists: `npm run gen:api` overwrites this
// file with the types generated from the document. Until then every path accepts any parameters
// and body, and every schema is untyped.
// biome-ignore-all lint: generated file

type AnyOperation = {
  parameters: { query?: Record<string, unknown>; path?: Record<string, unknown> };
  requestBody?: { content: { 'application/json': any } };
  responses: {
    200: { content: { 'application/json': any } };
    default: { content: { 'application/json': any } };
  };
};
export type paths = Record<
  string,
  { get: AnyOperation; put: AnyOperation; post: AnyOperation; patch: AnyOperation; delete: AnyOperation }
>;
export type components = { schemas: Record<string, any> };
