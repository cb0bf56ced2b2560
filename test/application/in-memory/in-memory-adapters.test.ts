/**
 * Behaviour of the in-memory adapters that the use-case tests lean on. The shared contract suites
 * (test/adapters/contracts/) check them against the database adapters as well.
 */
import { InMemoryBallotBox } from '../../../src/adapters/persistence/in-memory/in-memory-ballot-box.js';
import { InMemoryElectionRecords } from '../../../src/adapters/persistence/in-memory/in-memory-election-records.js';
import { InMemoryPassphraseAttempts } from '../../../src/adapters/persistence/in-memory/in-memory-passphrase-attempts.js';
import { InMemoryUsers } from '../../../src/adapters/persistence/in-memory/in-memory-users.js';
import { FixedClock } from '../../../src/adapters/system/system-clock.js';

const KEY = 'e1';
const entries = [{ candidate: 'a', rank: 1 }];

describe('InMemoryBallotBox', () => {
  it('stores copies: mutating what was passed in or handed out changes nothing stored', async () => {
    const box = new InMemoryBallotBox();
    const mine = [{ candidate: 'a', rank: 1 }];
    await box.cast({ electionKey: KEY, userId: 1, ballotId: 'b1', entries: mine, link: null });
    mine[0]!.rank = 9;
    const got = await box.ballot(KEY, 'b1');
    expect(() => {
      (got!.entries as unknown as Array<{ rank: number }>)[0]!.rank = 7;
    }).toThrow(TypeError);
    expect((await box.ballot(KEY, 'b1'))?.entries).toEqual([{ candidate: 'a', rank: 1 }]);
  });

  it('refuses a cast into an election the guard does not know', async () => {
    const records = new InMemoryElectionRecords();
    await records.syncAll([{ key: KEY, name: 'E1' }]);
    const box = new InMemoryBallotBox((k) => records.has(k));
    await expect(box.cast({ electionKey: 'nope', userId: 1, ballotId: 'b', entries, link: null })).rejects.toMatchObject({ code: 'ELECTION_NOT_FOUND' });
    await expect(box.cast({ electionKey: KEY, userId: 1, ballotId: 'b', entries, link: null })).resolves.toBeUndefined();
  });

  it('keeps elections apart, lists the elections a user voted in, and a stream does not see later casts', async () => {
    const box = new InMemoryBallotBox();
    await box.cast({ electionKey: KEY, userId: 1, ballotId: 'b1', entries, link: null });
    await box.cast({ electionKey: 'e2', userId: 1, ballotId: 'b2', entries, link: null });
    expect(await box.ballot(KEY, 'b2')).toBeNull();
    expect(await box.votedElectionKeys(1)).toEqual([KEY, 'e2']);
    const seen: string[] = [];
    for await (const b of box.ballots(KEY)) {
      seen.push(b.ballotId);
      await box.cast({ electionKey: KEY, userId: 2, ballotId: 'late', entries, link: null });
    }
    expect(seen).toEqual(['b1']);
  });

  it('purging keeps marks and ballots and reports only links that existed', async () => {
    const box = new InMemoryBallotBox();
    const link = { salt: new Uint8Array(16), sealed: new Uint8Array(76), scheme: 's' };
    await box.cast({ electionKey: KEY, userId: 1, ballotId: 'b1', entries, link });
    await box.cast({ electionKey: KEY, userId: 2, ballotId: 'b2', entries, link: null });
    expect(await box.purgeLinks(KEY)).toBe(1);
    expect(await box.mark(KEY, 1)).toEqual({ electionKey: KEY, userId: 1, link: null, hasLink: false });
    expect(await box.countBallots(KEY)).toBe(2);
    expect(await box.purgeLinks('unknown')).toBe(0);
  });
});

describe('InMemoryElectionRecords', () => {
  it('adds, renames, archives and restores; never deletes', async () => {
    const records = new InMemoryElectionRecords();
    expect(
      await records.syncAll([
        { key: 'a', name: 'A' },
        { key: 'b', name: 'B' },
      ]),
    ).toEqual({ added: ['a', 'b'], renamed: [], archived: [], restored: [] });
    expect(await records.syncAll([{ key: 'a', name: 'A2' }])).toEqual({ added: [], renamed: ['a'], archived: ['b'], restored: [] });
    expect(await records.list()).toEqual([
      { key: 'a', name: 'A2', archived: false },
      { key: 'b', name: 'B', archived: true },
    ]);
    expect(
      await records.syncAll([
        { key: 'a', name: 'A2' },
        { key: 'b', name: 'B' },
      ]),
    ).toEqual({ added: [], renamed: [], archived: [], restored: ['b'] });
    await records.recordSyncedRevision('abc');
    expect(await records.syncedRevision()).toBe('abc');
  });
});

describe('InMemoryUsers', () => {
  it('one user per login whatever the case, also under concurrent first sign-ins', async () => {
    const users = new InMemoryUsers();
    const all = await Promise.all(['Alice', 'alice', 'ALICE'].map((l) => users.upsertFromSignIn(l, null)));
    expect(new Set(all.map((u) => u.id)).size).toBe(1);
    // Without GitHub's word on the spelling, the first one stored stays (issue 13: Elekto compares it exactly).
    expect(await users.byId(all[0]!.id)).toMatchObject({ login: 'Alice' });
    expect(await users.byLogin('nobody')).toBeNull();
  });
});

describe('InMemoryPassphraseAttempts', () => {
  const at = (clock: FixedClock, ms: number) => (clock.set(new Date(ms)), clock);

  it('allows maxAttempts in a sliding window of its clock, then says when the oldest leaves it', async () => {
    const clock = new FixedClock(new Date(0));
    const attempts = new InMemoryPassphraseAttempts(clock);
    const key = { electionKey: KEY, userId: 1 };
    const limit = { maxAttempts: 2, windowMs: 1000 };
    expect(await attempts.take(key, limit)).toEqual({ allowed: true });
    at(clock, 500);
    expect(await attempts.take(key, limit)).toEqual({ allowed: true });
    at(clock, 600);
    expect(await attempts.take(key, limit)).toEqual({ allowed: false, retryAt: new Date(1000), retryAfterMs: 400 });
    at(clock, 1000);
    expect(await attempts.take(key, limit)).toEqual({ allowed: true });
    expect(await attempts.take({ electionKey: 'e2', userId: 1 }, limit)).toEqual({ allowed: true });
    await attempts.forget(key);
    at(clock, 1001);
    expect(await attempts.take(key, limit)).toEqual({ allowed: true });
  });

  it('keeps counting attempts stamped after now when the clock is set back', async () => {
    const clock = new FixedClock(new Date(10_000));
    const attempts = new InMemoryPassphraseAttempts(clock);
    const key = { electionKey: KEY, userId: 1 };
    const limit = { maxAttempts: 2, windowMs: 1000 };
    await attempts.take(key, limit);
    await attempts.take(key, limit);
    at(clock, 9_000);
    expect((await attempts.take(key, limit)).allowed).toBe(false);
  });
});
