import { EMPTY_SNAPSHOT, InMemoryElectionCatalog } from '../../../src/adapters/catalog/in-memory-election-catalog.js';
import { ElectionBuilder } from '../../support/builders/election-builder.js';

const e = (key: string) => new ElectionBuilder().key(key).build();

describe('InMemoryElectionCatalog', () => {
  it('starts empty', () => {
    const catalog = new InMemoryElectionCatalog();
    expect(catalog.current()).toBe(EMPTY_SNAPSHOT);
    expect(catalog.current()).toMatchObject({ revision: null, syncedAt: null, problems: [] });
    expect(catalog.current().elections.size).toBe(0);
  });

  it('swaps the whole snapshot at once; a reader holding the old one keeps a consistent view', () => {
    const catalog = new InMemoryElectionCatalog();
    catalog.replace({ revision: 'r1', syncedAt: new Date(1), elections: new Map([['a', e('a')]]), problems: [] });
    const held = catalog.current();
    catalog.replace({ revision: 'r2', syncedAt: new Date(2), elections: new Map([['b', e('b')]]), problems: [] });
    expect([...held.elections.keys()]).toEqual(['a']);
    expect(held.revision).toBe('r1');
    expect([...catalog.current().elections.keys()]).toEqual(['b']);
  });

  it('iterates in key order and cannot be changed through the snapshot or the map given to it', () => {
    const catalog = new InMemoryElectionCatalog();
    const given = new Map([
      ['c', e('c')],
      ['a', e('a')],
      ['b', e('b')],
    ]);
    const problems = [{ severity: 'warning' as const, file: 'x', message: 'm' }];
    catalog.replace({ revision: 'r1', syncedAt: new Date(5), elections: given, problems });
    given.delete('a');
    problems.push({ severity: 'warning', file: 'y', message: 'n' });
    const snap = catalog.current();
    expect([...snap.elections.keys()]).toEqual(['a', 'b', 'c']);
    expect(snap.problems).toHaveLength(1);
    expect(Object.isFrozen(snap)).toBe(true);
    expect(Object.isFrozen(snap.problems)).toBe(true);
    expect((snap.elections as unknown as { set?: unknown }).set).toBeUndefined();
    expect(() => {
      (snap as { revision: string | null }).revision = 'hacked';
    }).toThrow(TypeError);
  });
});
