import type { Bulletin } from '../../../src/domain/bulletin/bulletin.js';
import { ADAPTERS, addElections, freshKey, openWorld, type PersistenceWorld } from './persistence-worlds.js';

const AT = new Date('2026-12-01T12:00:00.250Z');
const digest = (c: string): string => c.repeat(64);
const bulletinFor = (key: string, d: string) => ({ format: 'elekto-bulletin/1', digest: d, election: { key } }) as unknown as Bulletin;

describe.each(ADAPTERS)('FrozenBulletins contract: %s', (adapter) => {
  let w: PersistenceWorld;
  beforeAll(async () => {
    w = await openWorld(adapter);
  });
  afterAll(() => w?.close());

  it('stores a digest once and gives it back as stored', async () => {
    const key = freshKey();
    await addElections(w, key);
    expect(await w.frozenBulletins.find(key)).toBeNull();
    const stored = await w.frozenBulletins.freeze({ electionKey: key, digest: digest('a'), ballotCount: 3, frozenAt: AT }, bulletinFor(key, digest('a')));
    expect(stored).toEqual({ electionKey: key, digest: digest('a'), ballotCount: 3, frozenAt: AT });
    expect(await w.frozenBulletins.find(key)).toEqual(stored);
    expect(await w.frozenBulletins.frozenCopy(key)).toEqual(bulletinFor(key, digest('a')));
    expect(await w.frozenBulletins.frozenCopy(freshKey())).toBeNull();
  });

  it('never replaces a frozen digest: a later freeze gets the first one back', async () => {
    const key = freshKey();
    await addElections(w, key);
    await w.frozenBulletins.freeze({ electionKey: key, digest: digest('a'), ballotCount: 3, frozenAt: AT }, bulletinFor(key, digest('a')));
    const again = await w.frozenBulletins.freeze(
      { electionKey: key, digest: digest('b'), ballotCount: 4, frozenAt: new Date(AT.getTime() + 60_000) },
      bulletinFor(key, digest('b')),
    );
    expect(again).toMatchObject({ digest: digest('a'), ballotCount: 3, frozenAt: AT });
    expect((await w.frozenBulletins.find(key))?.digest).toBe(digest('a'));
    expect(await w.frozenBulletins.frozenCopy(key)).toMatchObject({ digest: digest('a') });
  });

  it('keeps exactly one of 20 simultaneous freezes (two replicas closing one election), and all of them see it', async () => {
    const key = freshKey('race');
    await addElections(w, key);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const d = i.toString(16).padStart(64, '0');
        return w.frozenBulletins.freeze({ electionKey: key, digest: d, ballotCount: i, frozenAt: AT }, bulletinFor(key, d));
      }),
    );
    const kept = new Set(results.map((r) => r.digest));
    expect(kept.size).toBe(1);
    expect((await w.frozenBulletins.find(key))?.digest).toBe([...kept][0]);
    expect(await w.frozenBulletins.frozenCopy(key)).toMatchObject({ digest: [...kept][0] });
  });

  it('keeps the freezes of two elections apart', async () => {
    const [a, b] = [freshKey(), freshKey()];
    await addElections(w, a, b);
    await w.frozenBulletins.freeze({ electionKey: a, digest: digest('a'), ballotCount: 1, frozenAt: AT }, bulletinFor(a, digest('a')));
    expect(await w.frozenBulletins.find(b)).toBeNull();
  });
});
