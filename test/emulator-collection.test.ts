import { describe, expect, it } from 'vitest';
import { type Change, Collection } from '../src/emulator/state/collection.ts';

function collection(): { items: Collection; changes: Change[] } {
  const changes: Change[] = [];
  return { items: new Collection('/roles', (change) => changes.push(change)), changes };
}

describe('a stored collection', () => {
  it('keeps insertion order by position: a replaced item keeps its place, a re-added one goes last', () => {
    const { items } = collection();
    for (const id of ['a', 'b', 'c', 'd']) items.set(id, { id });
    items.set('b', { id: 'b', name: 'renamed' });
    items.delete('a');
    items.set('a', { id: 'a' });
    expect([0, 1, 2, 3].map((p) => items.at(p).id)).toEqual(['b', 'c', 'd', 'a']);
    expect([...items.keys()]).toEqual(['b', 'c', 'd', 'a']);
  });

  it('resumes after a cursor by sequence number, whatever was deleted before it', () => {
    const { items } = collection();
    for (let i = 0; i < 10; i++) items.set(`r${i}`, { id: `r${i}` });
    const cursor = items.seqAt(4); // after r4
    items.delete('r2');
    items.delete('r4');
    expect(items.at(items.positionAfter(cursor)).id).toBe('r5');
    expect(items.positionAfter(items.seqAt(items.size - 1))).toBe(items.size);
  });

  it('finds by field through an index that follows updates and deletes', () => {
    const { items } = collection();
    items.set('r1', { id: 'r1', name: 'admin' });
    items.set('r2', { id: 'r2', name: 'viewer' });
    expect(items.findBy('name', 'admin').id).toBe('r1');
    items.set('r1', { id: 'r1', name: 'owner' });
    expect(items.findBy('name', 'admin')).toBeUndefined();
    expect(items.findBy('name', 'owner').id).toBe('r1');
    items.set('r3', { id: 'r3', name: 'viewer' });
    expect(items.filterBy('name', 'viewer').map((r) => r.id)).toEqual(['r2', 'r3']);
    items.delete('r2');
    expect(items.findBy('name', 'viewer').id).toBe('r3');
    items.clear();
    expect(items.findBy('name', 'viewer')).toBeUndefined();
  });

  it('records every change, and freezes what it stores', () => {
    const { items, changes } = collection();
    const role = { id: 'r1', tags: ['x'] };
    items.set('r1', role);
    expect(() => {
      role.tags.push('y');
    }).toThrow(TypeError);
    items.delete('r1');
    items.delete('r1'); // absent: nothing to record
    expect(changes).toEqual([
      { kind: 'item', path: '/roles', id: 'r1', value: role },
      { kind: 'item', path: '/roles', id: 'r1', value: undefined },
    ]);
  });
});
