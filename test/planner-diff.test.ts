import { describe, expect, it } from 'vitest';
import { changedTopLevelFields, diffObject, fieldsOfNewObject } from '../src/planner/diff.ts';

const none = { secretPaths: [] };

describe('diffObject', () => {
  it('finds nothing when desired is a subset of live, however deep', () => {
    const live = {
      name: 'App',
      options: { mfa: { active: true, return_url: 'x' }, server_default: 3 },
      extra: 1,
    };
    expect(diffObject({ name: 'App', options: { mfa: { active: true } } }, live, none)).toEqual([]);
  });

  it('reports nested fields by dotted path with old and new values', () => {
    const fields = diffObject(
      { name: 'App', options: { mfa: { active: false } }, logo: 'l.png' },
      { name: 'App', options: { mfa: { active: true, x: 1 } } },
      none,
    );
    expect(fields).toEqual([
      { path: 'logo', after: 'l.png' },
      { path: 'options.mfa.active', before: true, after: false },
    ]);
  });

  it('compares arrays whole and reports them at the array path', () => {
    expect(diffObject({ callbacks: ['a', 'b'] }, { callbacks: ['a'] }, none)).toEqual([
      { path: 'callbacks', before: ['a'], after: ['a', 'b'] },
    ]);
    // An extra key inside an array element is a difference: arrays are not subsets.
    expect(diffObject({ items: [{ a: 1 }] }, { items: [{ a: 1, b: 2 }] }, none)).toEqual([
      { path: 'items', before: [{ a: 1, b: 2 }], after: [{ a: 1 }] },
    ]);
    expect(diffObject({ callbacks: ['a'] }, { callbacks: ['a'] }, none)).toEqual([]);
  });

  it('reports a type change and a new object at their own path', () => {
    expect(diffObject({ a: { b: 1 } }, { a: 'text' }, none)).toEqual([
      { path: 'a', before: 'text', after: { b: 1 } },
    ]);
    expect(diffObject({ a: { b: 1 } }, {}, none)).toEqual([{ path: 'a', after: { b: 1 } }]);
  });

  it('neither compares nor reports ignored paths, with wildcards', () => {
    const desired = { name: 'A', description: 'new', options: { x: 1, y: 2 }, list: [{ id: 1, t: 'a' }] };
    const live = { name: 'A', description: 'old', options: { x: 9, y: 2 }, list: [{ id: 1, t: 'b' }] };
    expect(
      diffObject(desired, live, { secretPaths: [], ignore: ['description', 'options.x', 'list.*.t'] }),
    ).toEqual([]);
    expect(diffObject(desired, live, { secretPaths: [], ignore: ['options'] }).map((f) => f.path)).toEqual([
      'description',
      'list',
    ]);
  });

  it('compares a secret only when live has it, and never shows its value', () => {
    const secretPaths = ['client_secret', 'options.client_secret'];
    expect(diffObject({ client_secret: 's3cr3t' }, {}, { secretPaths })).toEqual([]);
    const fields = diffObject(
      { client_secret: 'new-s3cr3t', options: { client_secret: 'x' } },
      { client_secret: 'old-s3cr3t', options: {} },
      { secretPaths },
    );
    expect(fields).toEqual([
      { path: 'client_secret', before: '(sensitive)', after: '(sensitive)', sensitive: true },
    ]);
    expect(JSON.stringify(fields)).not.toMatch(/s3cr3t/);
  });

  it('leaves out an object of write-only secrets the tenant does not return at all', () => {
    const secretPaths = ['credentials.auth_token'];
    const desired = { credentials: { auth_token: 'hunter2' } };
    expect(diffObject(desired, {}, { secretPaths })).toEqual([]);
    expect(diffObject(desired, {}, { secretPaths, exact: true })).toEqual([]);
    // Beside readable fields, the object stays compared.
    expect(
      diffObject(
        { credentials: { auth_token: 'x', sid: 'b' } },
        { credentials: { sid: 'a' } },
        { secretPaths },
      ),
    ).toEqual([{ path: 'credentials.sid', before: 'a', after: 'b' }]);
  });

  it('masks secrets nested in a reported array and ignores write-only ones there', () => {
    const secretPaths = ['secrets.*.value'];
    expect(
      diffObject(
        { secrets: [{ name: 'A', value: 'hunter2' }] },
        { secrets: [{ name: 'A' }] },
        { secretPaths },
      ),
    ).toEqual([]);
    const fields = diffObject(
      {
        secrets: [
          { name: 'A', value: 'hunter2' },
          { name: 'B', value: 'hunter3' },
        ],
      },
      { secrets: [{ name: 'A', value: 'old-hunter' }] },
      { secretPaths },
    );
    expect(fields).toEqual([
      {
        path: 'secrets',
        before: [{ name: 'A', value: '(sensitive)' }],
        after: [{ name: 'A', value: '(sensitive)' }, { name: 'B' }],
      },
    ]);
    expect(JSON.stringify(fields)).not.toMatch(/hunter/);
  });

  it('does not modify its inputs', () => {
    const desired = { a: { b: 1 }, secret: 'x' };
    const live = { a: { b: 2, c: 3 } };
    diffObject(desired, live, { secretPaths: ['secret'], ignore: ['a.c'] });
    expect(desired).toEqual({ a: { b: 1 }, secret: 'x' });
    expect(live).toEqual({ a: { b: 2, c: 3 } });
  });
});

describe('fieldsOfNewObject', () => {
  it('lists top-level fields with secrets masked', () => {
    expect(fieldsOfNewObject({ name: 'A', client_secret: 'zzz' }, ['client_secret'])).toEqual([
      { path: 'client_secret', after: '(sensitive)', sensitive: true },
      { path: 'name', after: 'A' },
    ]);
  });
});

describe('changedTopLevelFields', () => {
  it('keeps each top-level field once', () => {
    expect(changedTopLevelFields([{ path: 'options.a' }, { path: 'name' }, { path: 'options.b.c' }])).toEqual(
      ['options', 'name'],
    );
  });
});
