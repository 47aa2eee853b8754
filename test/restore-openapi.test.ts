import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  danglingRefs,
  OUTPUT_PATH,
  parseFlatYaml,
  REPO_ROOT,
  readOverlay,
  restore,
  SEED_PATH,
  validateDocument,
} from '../tools/restore-openapi.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests walk a parsed YAML document
type Obj = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** flat fixture: every line at column 0, like the damaged seed */
function flat(lines: string[]): Obj {
  return parseFlatYaml(`${lines.join('\n')}\n`).doc as Obj;
}

const seedExists = existsSync(SEED_PATH);

/** one restoration of the real seed, shared by the tests that need it */
let fresh: ReturnType<typeof restore> | undefined;
function freshRestore(): ReturnType<typeof restore> {
  fresh ??= restore(readFileSync(SEED_PATH, 'utf8'), readOverlay());
  return fresh;
}

// Started at load time so that the child process runs while the in-process tests do.
const outputMtime = statSync(OUTPUT_PATH).mtimeMs;
const missingSeedRun = new Promise<{ status: number | null; stderr: string }>((done) => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'tools/restore-openapi.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, RESTORE_OPENAPI_SEED: join(tmpdir(), 'no-such-seed.yaml') },
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  child.on('close', (status) => done({ status, stderr }));
});

describe('committed Management API document', () => {
  let text: string;
  let doc: Obj;
  beforeAll(() => {
    text = readFileSync(OUTPUT_PATH, 'utf8');
    doc = parse(text) as Obj;
  });

  it('is a valid OpenAPI 3.1 document (@readme/openapi-parser)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const v = await validateDocument(doc);
    expect(v.errors).toEqual([]);
    expect(v.valid).toBe(true);
  });

  it('has no dangling $ref', () => {
    expect(danglingRefs(doc)).toEqual([]);
  });

  it('every operation has an operationId and an oAuth2ClientCredentials scope list', () => {
    const ids = new Set<string>();
    let n = 0;
    for (const [path, item] of Object.entries<Obj>(doc.paths)) {
      for (const m of METHODS) {
        const op = item[m];
        if (!op) continue;
        n++;
        expect(typeof op.operationId, `${m} ${path}`).toBe('string');
        expect(ids.has(op.operationId), `duplicate ${op.operationId}`).toBe(false);
        ids.add(op.operationId);
        const oauth = (op.security ?? []).find((r: Obj) => Array.isArray(r.oAuth2ClientCredentials));
        expect(oauth, `${m} ${path} security`).toBeTruthy();
      }
    }
    expect(n).toBeGreaterThan(250);
    expect(doc.components.securitySchemes.oAuth2ClientCredentials.type).toBe('oauth2');
    expect(doc.components.securitySchemes.bearerAuth).toBeTruthy();
  });

  // A ratchet: the overlay replaces placeholders with real schemas; the count may only go down
  // (39 before the guardian, forms, flows, organizations and users overlays; 14 after).
  it('has at most 14 x-placeholder schemas', () => {
    const placeholders = Object.entries<Obj>(doc.components.schemas)
      .filter(([, schema]) => schema['x-placeholder'])
      .map(([name]) => name);
    expect(placeholders.length, placeholders.join(', ')).toBeLessThanOrEqual(14);
  });

  it('restores known schemas with their properties', () => {
    const s = doc.components.schemas;
    expect(Object.keys(s.CreateConnectionRequestContent.properties)).toEqual(
      expect.arrayContaining(['name', 'strategy', 'options', 'enabled_clients']),
    );
    expect(s.CreateConnectionRequestContent.required).toEqual(expect.arrayContaining(['name', 'strategy']));
    expect(Object.keys(s.UpdateTenantSettingsRequestContent.properties)).toEqual(
      expect.arrayContaining(['friendly_name', 'flags', 'session_lifetime']),
    );
    // properties whose names are schema keywords survive
    expect(s.GetRoleResponseContent.properties.description.type).toBe('string');
    expect(s.GetRoleResponseContent.properties.name.type).toBe('string');
    expect(s.ConnectionPasswordOptionsDictionary.properties.default.$ref).toBe(
      '#/components/schemas/PasswordDefaultDictionariesEnum',
    );
    expect(s.ConnectionPasswordOptionsDictionary.properties.active.type).toBe('boolean');
    expect(s.ConnectionPasswordOptionsDictionary.additionalProperties).toBe(false);
  });

  it.runIf(seedExists)('keeps every path of the seed', () => {
    const { seedPaths } = freshRestore();
    expect(seedPaths.length).toBeGreaterThan(130);
    for (const p of seedPaths) expect(doc.paths, p).toHaveProperty([p]);
  });
});

describe('flat-YAML parser ambiguity rules', () => {
  it('keeps properties named like schema keywords (type, description, default, items)', () => {
    const d = flat([
      'components:',
      'schemas:',
      'Role:',
      'type: object',
      'additionalProperties: false',
      'properties:',
      'type:',
      'type: string',
      'description:',
      'type: string',
      'description: The description.',
      'default:',
      '$ref: "#/components/schemas/Zed"',
      'items:',
      'type: array',
      'items:',
      'type: string',
      'Zed:',
      'type: string',
    ]);
    const role = d.components.schemas.Role;
    expect(Object.keys(role.properties)).toEqual(['type', 'description', 'default', 'items']);
    expect(role.properties.description).toEqual({ type: 'string', description: 'The description.' });
    expect(role.properties.items).toEqual({ type: 'array', items: { type: 'string' } });
    expect(d.components.schemas.Zed).toEqual({ type: 'string' });
  });

  it('closes a property at `additionalProperties: false` and keeps $ref siblings to annotations', () => {
    const d = flat([
      'components:',
      'schemas:',
      'A:',
      'type: object',
      'properties:',
      'p:',
      '$ref: "#/components/schemas/B"',
      'description: Annotation on the ref.',
      'additionalProperties: false',
      'B:',
      'type: string',
    ]);
    expect(d.components.schemas.A.properties.p).toEqual({
      $ref: '#/components/schemas/B',
      description: 'Annotation on the ref.',
    });
    expect(d.components.schemas.A.additionalProperties).toBe(false);
  });

  it('gives `required` to the schema whose properties hold the names', () => {
    const d = flat([
      'components:',
      'schemas:',
      'Outer:',
      'type: object',
      'properties:',
      'b:',
      'type: string',
      'inner:',
      'type: object',
      'properties:',
      'a:',
      'type: string',
      'required:',
      '- b',
      '- inner',
    ]);
    const outer = d.components.schemas.Outer;
    expect(outer.required).toEqual(['b', 'inner']);
    expect(outer.properties.inner.required).toBeUndefined();
  });

  it('fits keywords to the schema type and status codes / media types to their maps', () => {
    const d = flat([
      'paths:',
      '/things/{id}:',
      'get:',
      'parameters:',
      '- name: id',
      'in: path',
      'required: true',
      'schema:',
      'type: string',
      'maxLength: 10',
      'responses:',
      "'200':",
      'description: OK',
      'content:',
      'application/json:',
      'schema:',
      'type: object',
      'properties:',
      'name:',
      'type: string',
      'maxItems: 3',
      "'404':",
      'description: Not found',
      'operationId: get_thing',
    ]);
    const op = d.paths['/things/{id}'].get;
    expect(op.parameters[0]).toEqual({
      name: 'id',
      in: 'path',
      required: true,
      schema: { type: 'string', maxLength: 10 },
    });
    // maxItems fits neither the string property nor the object schema: it is an orphan
    expect(op.responses['200'].content['application/json'].schema.properties.name).toEqual({
      type: 'string',
    });
    expect(op.responses['404']).toEqual({ description: 'Not found' });
    expect(op.operationId).toBe('get_thing');
  });

  it('builds lists from `- ` lines: security scopes, type lists, composition items', () => {
    const d = flat([
      'components:',
      'schemas:',
      'C:',
      'oneOf:',
      '- type:',
      '- string',
      "- 'null'",
      '- type: object',
      'properties:',
      'x:',
      'type: integer',
      'paths:',
    ]);
    expect(d.components.schemas.C.oneOf).toEqual([
      { type: ['string', 'null'] },
      { type: 'object', properties: { x: { type: 'integer' } } },
    ]);
    const p = flat([
      'paths:',
      '/a:',
      'get:',
      'operationId: get_a',
      'security:',
      '- bearerAuth: []',
      '- oAuth2ClientCredentials:',
      '- read:a',
      '- read:b',
      'x-release-lifecycle: GA',
    ]);
    expect(p.paths['/a'].get.security).toEqual([
      { bearerAuth: [] },
      { oAuth2ClientCredentials: ['read:a', 'read:b'] },
    ]);
    expect(p.paths['/a'].get['x-release-lifecycle']).toBe('GA');
  });

  it('continues quoted scalars across lines and detects a cut string running into structure', () => {
    const r = parseFlatYaml(
      [
        'paths:',
        '/a:',
        'get:',
        "description: 'First line",
        "second line with a - dash and it''s quoted.",
        "'",
        'operationId: get_a',
        '/b:',
        'get:',
        "description: 'This string was cut in the middle and never clos",
        'tags:',
        '- other',
        'operationId: get_other',
        '/c:',
        'get:',
        'operationId: get_c',
        '',
      ].join('\n'),
    );
    const d = r.doc as Obj;
    expect(d.paths['/a'].get.description).toBe("First line second line with a - dash and it's quoted.\n");
    expect(d.paths['/a'].get.operationId).toBe('get_a');
    expect(r.cuts.map((c) => c.line)).toEqual([10]);
    expect(r.cutOperations).toEqual([{ path: '/b', method: 'get', line: 10 }]);
    expect(d.paths['/c'].get.operationId).toBe('get_c');
  });

  it('recreates components/schemas headers when schema names follow the paths directly', () => {
    const r = parseFlatYaml(
      [
        'paths:',
        '/a:',
        'get:',
        'operationId: get_a',
        'Alpha:',
        'type: string',
        'Beta:',
        'type: object',
        '',
      ].join('\n'),
    );
    const d = r.doc as Obj;
    expect(Object.keys(d.components.schemas)).toEqual(['Alpha', 'Beta']);
    expect(r.recreatedHeaders).toEqual([5]);
  });
});

describe('restoration pipeline', () => {
  it('drops operations whose operationId, path parameters or tag contradict their place, and adds placeholders', () => {
    const seed = [
      'openapi: 3.1.0',
      'info:',
      'title: t',
      'version: 1',
      'paths:',
      '/things/{id}:',
      'patch:',
      'tags:',
      '- things',
      'parameters:',
      '- name: id',
      'in: path',
      'required: true',
      'schema:',
      'type: string',
      'responses:',
      "'200':",
      'description: ok',
      "'403':",
      "description: 'Insufficient scope, expected any of: update:things.'",
      'operationId: get_things_by_id',
      '/things:',
      'get:',
      'tags:',
      '- things',
      'responses:',
      "'200':",
      'description: ok',
      'content:',
      'application/json:',
      'schema:',
      '$ref: "#/components/schemas/Missing"',
      "'403':",
      "description: 'Insufficient scope, expected any of: read:things.'",
      'operationId: get_things',
      'components:',
      'schemas:',
      'Thing:',
      'type: object',
      '',
    ].join('\n');
    const r = restore(seed, []);
    expect(r.report.droppedOperations.map((d) => `${d.method} ${d.path}`)).toEqual(['patch /things/{id}']);
    expect(r.doc.paths).toHaveProperty(['/things/{id}']);
    expect((r.doc as Obj).components.schemas.Missing['x-placeholder']).toBe(true);
    expect((r.doc as Obj).paths['/things'].get.security).toEqual([
      { bearerAuth: [] },
      { oAuth2ClientCredentials: ['read:things'] },
    ]);
    // overlay: an operation and a schema replace or add
    const r2 = restore(seed, [
      {
        name: 'b.yaml',
        text: 'paths:\n  /things/{id}:\n    patch:\n      operationId: patch_things_by_id\n      tags: [things]\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {"200": {description: ok}}\n      security: [{oAuth2ClientCredentials: [update:things]}]\ncomponents:\n  schemas:\n    Missing:\n      type: string\n',
      },
    ]);
    expect((r2.doc as Obj).paths['/things/{id}'].patch.operationId).toBe('patch_things_by_id');
    expect((r2.doc as Obj).components.schemas.Missing).toEqual({ type: 'string' });
    expect(r2.stats.placeholders).toBe(0);
  });

  it.runIf(seedExists)('re-running the restoration reproduces the committed document byte for byte', () => {
    const r = freshRestore();
    const dir = mkdtempSync(join(tmpdir(), 'restore-openapi-'));
    try {
      const out = join(dir, 'auth0-management-api.yaml');
      writeFileSync(out, r.yaml);
      expect(readFileSync(out).equals(readFileSync(OUTPUT_PATH))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 without touching the committed output when the seed is missing', async () => {
    const res = await missingSeedRun;
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/seed not found/);
    expect(statSync(OUTPUT_PATH).mtimeMs).toBe(outputMtime);
  });
});
