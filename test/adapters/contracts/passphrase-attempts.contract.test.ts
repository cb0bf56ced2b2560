import { ADAPTERS, addElections, freshKey, openWorld, type PersistenceWorld } from './persistence-worlds.js';

const LIMIT = { maxAttempts: 3, windowMs: 60_000 };
const T0 = new Date('2021-06-08T12:00:00Z').getTime();

describe.each(ADAPTERS)('PassphraseAttempts contract: %s', (adapter) => {
  let w: PersistenceWorld;
  beforeAll(async () => {
    w = await openWorld(adapter);
  });
  afterAll(() => w?.close());

  async function voterKey() {
    const electionKey = freshKey();
    await addElections(w, electionKey);
    const user = await w.users.upsertFromSignIn(`guesser-${electionKey}`, null);
    return { electionKey, userId: user.id };
  }

  it('allows maxAttempts in a window, then says when to retry', async () => {
    const key = await voterKey();
    for (let i = 0; i < 3; i++) expect(await w.passphraseAttempts.take(key, new Date(T0 + i * 1000), LIMIT)).toEqual({ allowed: true });
    expect(await w.passphraseAttempts.take(key, new Date(T0 + 5000), LIMIT)).toEqual({ allowed: false, retryAt: new Date(T0 + 60_000) });
    expect(await w.passphraseAttempts.take(key, new Date(T0 + 60_001), LIMIT)).toEqual({ allowed: true });
  });

  it('forgets a voter after a success, and keeps voters apart', async () => {
    const key = await voterKey();
    const other = await voterKey();
    for (let i = 0; i < 3; i++) await w.passphraseAttempts.take(key, new Date(T0), LIMIT);
    expect((await w.passphraseAttempts.take(key, new Date(T0), LIMIT)).allowed).toBe(false);
    expect((await w.passphraseAttempts.take(other, new Date(T0), LIMIT)).allowed).toBe(true);
    await w.passphraseAttempts.forget(key);
    expect((await w.passphraseAttempts.take(key, new Date(T0), LIMIT)).allowed).toBe(true);
  });

  it('lets exactly maxAttempts through when guesses arrive at once', async () => {
    const key = await voterKey();
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => w.passphraseAttempts.take(key, new Date(T0), LIMIT)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(3);
  });
});
