import { randomUUID } from 'node:crypto';
import type { CastBallot, StoredBallot } from '../../../src/application/ports/ballot-box.js';
import { NO_OPINION_RANK, type RankEntry } from '../../../src/domain/ballot/ranking.js';
import { isDomainError } from '../../../src/domain/errors.js';
import type { CheckpointName } from '../../../src/adapters/persistence/typeorm/pending-ballot-pool.js';
import { ADAPTERS, addElections, freshKey, openWorld, type PersistenceWorld } from './persistence-worlds.js';

const sorted = (entries: readonly RankEntry[]) => [...entries].sort((a, b) => a.candidate.localeCompare(b.candidate));
const ENTRIES: RankEntry[] = [
  { candidate: 'alice', rank: 1 },
  { candidate: 'bob', rank: 2 },
  { candidate: 'carol', rank: NO_OPINION_RANK },
];
const LINK = {
  salt: Uint8Array.from({ length: 16 }, (_, i) => i),
  sealed: Uint8Array.from({ length: 76 }, (_, i) => 255 - i),
  scheme: 'argon2id13;ops=3;mem=67108864',
};

async function collect(it: AsyncIterable<StoredBallot>): Promise<StoredBallot[]> {
  const out: StoredBallot[] = [];
  for await (const b of it) out.push(b);
  return out;
}

describe.each(ADAPTERS)('BallotBox contract: %s', (adapter) => {
  let w: PersistenceWorld;
  let userId: number;
  /** A fault test sets it: the SQL ballot box then throws at that point inside its transaction. */
  let failAt: CheckpointName | null = null;
  beforeAll(async () => {
    w = await openWorld(adapter, {
      checkpoint: async (name) => {
        if (name === failAt) throw new Error(`fault injected at ${name}`);
      },
    });
    userId = (await w.users.upsertFromSignIn('voter-one', 'Voter One')).id;
  });
  afterAll(() => w?.close());

  const ballotFor = (electionKey: string, uid: number, link: CastBallot['link'] = LINK): CastBallot => ({
    electionKey,
    userId: uid,
    ballotId: randomUUID(),
    entries: ENTRIES,
    link,
  });

  it('stores the ballot and the mark together, and reads them back', async () => {
    const key = freshKey();
    await addElections(w, key);
    const cast = ballotFor(key, userId);
    await w.ballotBox.cast(cast);
    const mark = await w.ballotBox.mark(key, userId);
    expect(mark?.hasLink).toBe(true);
    expect(Buffer.from(mark!.link!.salt).equals(Buffer.from(LINK.salt))).toBe(true);
    expect(Buffer.from(mark!.link!.sealed).equals(Buffer.from(LINK.sealed))).toBe(true);
    expect(mark!.link!.scheme).toBe(LINK.scheme);
    const stored = await w.ballotBox.ballot(key, cast.ballotId);
    expect(stored?.ballotId).toBe(cast.ballotId);
    expect(sorted(stored!.entries)).toEqual(sorted(ENTRIES));
    expect(await w.ballotBox.countBallots(key)).toBe(1);
    expect(await w.ballotBox.countVoters(key)).toBe(1);
    expect(await w.ballotBox.votedElectionKeys(userId)).toContain(key);
  });

  it('keeps a tracker with its ballot (pending, moved, streamed) and drops it with a revoke', async () => {
    const key = freshKey('tracked');
    await addElections(w, key);
    const voters = await Promise.all(['t-one', 't-two', 't-three'].map((l) => w.users.upsertFromSignIn(`${l}-${key}`, null)));
    const casts = voters.map((v, i) => ({ ...ballotFor(key, v.id), tracker: `TRK${i}-AAAA-BBBB-CCCC` }));
    const untracked = ballotFor(key, userId, null);
    for (const c of [...casts, untracked]) await w.ballotBox.cast(c);
    expect((await w.ballotBox.ballot(key, casts[0]!.ballotId))?.tracker).toBe('TRK0-AAAA-BBBB-CCCC');
    await w.ballotBox.flush(key);
    expect((await w.ballotBox.ballot(key, casts[1]!.ballotId))?.tracker).toBe('TRK1-AAAA-BBBB-CCCC');
    expect((await w.ballotBox.ballot(key, untracked.ballotId))?.tracker ?? null).toBeNull();
    const streamed = new Map((await collect(w.ballotBox.ballots(key))).map((b) => [b.ballotId, b.tracker ?? null]));
    expect(streamed).toEqual(new Map([...casts.map((c) => [c.ballotId, c.tracker] as const), [untracked.ballotId, null]]));
    await w.ballotBox.revoke(key, voters[2]!.id, casts[2]!.ballotId);
    const after = (await collect(w.ballotBox.ballots(key))).map((b) => b.tracker ?? null);
    expect(after).not.toContain('TRK2-AAAA-BBBB-CCCC');
    expect(after.sort()).toEqual(['TRK0-AAAA-BBBB-CCCC', 'TRK1-AAAA-BBBB-CCCC', null]);
  });

  it('stores no link at all for a ballot cast without a passphrase', async () => {
    const key = freshKey();
    await addElections(w, key);
    await w.ballotBox.cast(ballotFor(key, userId, null));
    const mark = await w.ballotBox.mark(key, userId);
    expect(mark).toMatchObject({ hasLink: false, link: null });
  });

  it('refuses a second ballot by the same voter with ALREADY_VOTED', async () => {
    const key = freshKey();
    await addElections(w, key);
    await w.ballotBox.cast(ballotFor(key, userId));
    const second = ballotFor(key, userId);
    await expect(w.ballotBox.cast(second)).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    expect(await w.ballotBox.ballot(key, second.ballotId)).toBeNull();
    expect(await w.ballotBox.countBallots(key)).toBe(1);
  });

  it('keeps exactly one ballot when 20 casts by one voter race', async () => {
    const key = freshKey();
    await addElections(w, key);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => w.ballotBox.cast(ballotFor(key, userId))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(isDomainError(r.reason, 'ALREADY_VOTED')).toBe(true);
    expect(await w.ballotBox.countBallots(key)).toBe(1);
    expect(await w.ballotBox.countVoters(key)).toBe(1);
    expect(await collect(w.ballotBox.ballots(key))).toHaveLength(1);
  });

  it('revokes ballot and mark at once, after which the voter may vote again', async () => {
    const key = freshKey();
    await addElections(w, key);
    const first = ballotFor(key, userId);
    await w.ballotBox.cast(first);
    await w.ballotBox.revoke(key, userId, first.ballotId);
    expect(await w.ballotBox.mark(key, userId)).toBeNull();
    expect(await w.ballotBox.ballot(key, first.ballotId)).toBeNull();
    expect(await w.ballotBox.countBallots(key)).toBe(0);
    await w.ballotBox.cast(ballotFor(key, userId));
    expect(await w.ballotBox.countBallots(key)).toBe(1);
    await expect(w.ballotBox.revoke(key, 999_999, first.ballotId)).rejects.toMatchObject({ code: 'NOT_VOTED' });
  });

  it('scopes ballots and marks to their election', async () => {
    const [a, b] = [freshKey(), freshKey()];
    await addElections(w, a, b);
    const cast = ballotFor(a, userId);
    await w.ballotBox.cast(cast);
    expect(await w.ballotBox.ballot(b, cast.ballotId)).toBeNull();
    expect(await w.ballotBox.mark(b, userId)).toBeNull();
    expect(await w.ballotBox.countBallots(b)).toBe(0);
    expect(await collect(w.ballotBox.ballots(b))).toEqual([]);
  });

  it('streams every ballot exactly once', async () => {
    const key = freshKey();
    await addElections(w, key);
    const casts: CastBallot[] = [];
    for (let i = 0; i < 30; i++) {
      const uid = (await w.users.upsertFromSignIn(`streamer-${key}-${i}`, null)).id;
      casts.push({
        ...ballotFor(key, uid, null),
        entries: [
          { candidate: 'alice', rank: 1 + (i % 3) },
          { candidate: 'bob', rank: 2 },
        ],
      });
    }
    await Promise.all(casts.map((c) => w.ballotBox.cast(c)));
    const streamed = await collect(w.ballotBox.ballots(key));
    expect(streamed.map((b) => b.ballotId).sort()).toEqual(casts.map((c) => c.ballotId).sort());
    const byId = new Map(casts.map((c) => [c.ballotId, c.entries]));
    for (const b of streamed) expect(sorted(b.entries)).toEqual(sorted(byId.get(b.ballotId)!));
    expect(await w.ballotBox.countBallots(key)).toBe(30);
  });

  it('purges links but keeps ballots and marks', async () => {
    const key = freshKey();
    await addElections(w, key);
    const other = (await w.users.upsertFromSignIn(`purge-${key}`, null)).id;
    const third = (await w.users.upsertFromSignIn(`purge-nolink-${key}`, null)).id;
    await w.ballotBox.cast(ballotFor(key, userId));
    await w.ballotBox.cast(ballotFor(key, other));
    await w.ballotBox.cast(ballotFor(key, third, null));
    expect(await w.ballotBox.countLinks(key)).toBe(2);
    expect(await w.ballotBox.purgeLinks(key)).toBe(2);
    expect(await w.ballotBox.countLinks(key)).toBe(0);
    expect(await w.ballotBox.mark(key, userId)).toMatchObject({ hasLink: false, link: null });
    expect(await w.ballotBox.countBallots(key)).toBe(3);
    expect(await w.ballotBox.countVoters(key)).toBe(3);
    expect(await w.ballotBox.purgeLinks(key)).toBe(0);
    await expect(w.ballotBox.cast(ballotFor(key, userId))).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
  });

  it('counts the stored links of an election by sealing scheme (what a new APP_KEY would strand)', async () => {
    const key = freshKey();
    await addElections(w, key);
    const peppered = { ...LINK, scheme: 'argon2id13;ops=3;mem=67108864;pepper=0a1b2c3d' };
    const users = await Promise.all(['a', 'b', 'c', 'd'].map(async (n) => (await w.users.upsertFromSignIn(`schemes-${n}-${key}`, null)).id));
    expect(await w.ballotBox.countLinksByScheme(key)).toEqual(new Map());
    await w.ballotBox.cast(ballotFor(key, users[0]!, peppered));
    await w.ballotBox.cast(ballotFor(key, users[1]!, peppered));
    await w.ballotBox.cast(ballotFor(key, users[2]!));
    await w.ballotBox.cast(ballotFor(key, users[3]!, null));
    expect(await w.ballotBox.countLinksByScheme(key)).toEqual(
      new Map([
        [peppered.scheme, 2],
        [LINK.scheme, 1],
      ]),
    );
    await w.ballotBox.purgeLinks(key);
    expect(await w.ballotBox.countLinksByScheme(key)).toEqual(new Map());
    expect(await w.ballotBox.countLinksByScheme(freshKey('never-synced'))).toEqual(new Map());
  });

  // Casts wait in a pending pool and move into the ballot table in batches (docs/ballot-secrecy.md):
  // from the outside nothing may change, wherever a ballot is at the moment it is read.
  const NEW_LINK = {
    salt: Uint8Array.from({ length: 16 }, () => 7),
    sealed: Uint8Array.from({ length: 76 }, () => 9),
    scheme: 'argon2id13;ops=3;mem=67108864',
  };
  const NEW_ENTRIES: RankEntry[] = [
    { candidate: 'alice', rank: NO_OPINION_RANK },
    { candidate: 'bob', rank: 1 },
    { candidate: 'carol', rank: 2 },
  ];
  const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.from(a).equals(Buffer.from(b));

  it.each([
    ['still in the pending pool', false],
    ['already moved into the ballots', true],
  ])('replaces a ballot %s: the mark stays and takes the new link, the old ballot is gone, counts do not move', async (_, flushed) => {
    const key = freshKey();
    await addElections(w, key);
    const other = (await w.users.upsertFromSignIn(`other-${key}`, null)).id;
    await w.ballotBox.cast(ballotFor(key, other));
    const first = ballotFor(key, userId);
    await w.ballotBox.cast(first);
    if (flushed) expect(await w.ballotBox.flush(key)).toBe(2);
    const second = { ...ballotFor(key, userId, NEW_LINK), entries: NEW_ENTRIES, replacedBallotId: first.ballotId };
    await w.ballotBox.replace(second);
    expect(await w.ballotBox.ballot(key, first.ballotId)).toBeNull();
    expect(sorted((await w.ballotBox.ballot(key, second.ballotId))!.entries)).toEqual(sorted(NEW_ENTRIES));
    const mark = await w.ballotBox.mark(key, userId);
    expect(mark?.hasLink).toBe(true);
    expect(sameBytes(mark?.link?.salt, NEW_LINK.salt) && sameBytes(mark?.link?.sealed, NEW_LINK.sealed)).toBe(true);
    expect(await w.ballotBox.countBallots(key)).toBe(2);
    expect(await w.ballotBox.countVoters(key)).toBe(2);
    const all = await collect(w.ballotBox.ballots(key));
    expect(all.map((b) => b.ballotId)).toContain(second.ballotId);
    expect(all.map((b) => b.ballotId)).not.toContain(first.ballotId);
    expect(all).toHaveLength(2);
    // A replaced ballot may be replaced again, and revoked.
    const third = { ...ballotFor(key, userId), replacedBallotId: second.ballotId };
    await w.ballotBox.replace(third);
    await w.ballotBox.revoke(key, userId, third.ballotId);
    expect(await w.ballotBox.countBallots(key)).toBe(1);
  });

  it.each([
    ['still in the pending pool', false],
    ['already moved into the ballots', true],
  ])('replaces a tracked ballot %s: the old tracker goes with it, the new ballot keeps its own', async (_, flushed) => {
    const key = freshKey();
    await addElections(w, key);
    const other = (await w.users.upsertFromSignIn(`tracked-other-${key}`, null)).id;
    const neighbour = { ...ballotFor(key, other), tracker: 'NBR0-AAAA-BBBB-CCCC' };
    await w.ballotBox.cast(neighbour);
    const first = { ...ballotFor(key, userId), tracker: 'OLD0-AAAA-BBBB-CCCC' };
    await w.ballotBox.cast(first);
    if (flushed) expect(await w.ballotBox.flush(key)).toBe(2);
    const second = { ...ballotFor(key, userId, NEW_LINK), entries: NEW_ENTRIES, replacedBallotId: first.ballotId, tracker: 'NEW0-AAAA-BBBB-CCCC' };
    await w.ballotBox.replace(second);
    expect((await w.ballotBox.ballot(key, second.ballotId))?.tracker).toBe('NEW0-AAAA-BBBB-CCCC');
    const trackers = (await collect(w.ballotBox.ballots(key))).map((b) => b.tracker ?? null).sort();
    expect(trackers).toEqual(['NBR0-AAAA-BBBB-CCCC', 'NEW0-AAAA-BBBB-CCCC']);
    if (w.sql) {
      // In the table itself: no row of the old ballot is left behind for a later reader to find.
      const rows = await w.sql<{ ballot_id: string; tracker: string }>('SELECT ballot_id, tracker FROM ballot_tracker');
      expect(rows.filter((r) => r.ballot_id === first.ballotId)).toEqual([]);
      expect(rows.filter((r) => String(r.tracker).trim() === 'OLD0-AAAA-BBBB-CCCC')).toEqual([]);
    }
  });

  it('replaces a link by none when the new ballot has none', async () => {
    const key = freshKey();
    await addElections(w, key);
    const first = ballotFor(key, userId);
    await w.ballotBox.cast(first);
    await w.ballotBox.replace({ ...ballotFor(key, userId, null), replacedBallotId: first.ballotId });
    expect(await w.ballotBox.mark(key, userId)).toMatchObject({ hasLink: false, link: null });
    expect(await w.ballotBox.countLinks(key)).toBe(0);
  });

  it('refuses to replace without a mark (NOT_VOTED) and stores nothing', async () => {
    const key = freshKey();
    await addElections(w, key);
    const attempt = { ...ballotFor(key, userId), replacedBallotId: randomUUID() };
    await expect(w.ballotBox.replace(attempt)).rejects.toMatchObject({ code: 'NOT_VOTED' });
    expect(await w.ballotBox.ballot(key, attempt.ballotId)).toBeNull();
    expect(await w.ballotBox.countBallots(key)).toBe(0);
    expect(await w.ballotBox.mark(key, userId)).toBeNull();
  });

  // SQL: a fault at each point inside the transaction. In memory the write has no await, so nothing
  // can stop it half-way; there the last refusal before the writes (a colliding id) stands in.
  const faults: ReadonlyArray<CheckpointName | 'id collision'> =
    adapter === 'in-memory' ? ['id collision'] : ['replace:after-mark', 'replace:after-remove', 'replace:after-pending'];
  it.each(faults)('leaves the old ballot, its tracker, its link and the mark as they were after a failure (%s)', async (fault) => {
    const key = freshKey();
    await addElections(w, key);
    const first = { ...ballotFor(key, userId), tracker: 'OLD1-AAAA-BBBB-CCCC' };
    await w.ballotBox.cast(first);
    const neighbour = ballotFor(key, (await w.users.upsertFromSignIn(`neighbour-${key}`, null)).id);
    await w.ballotBox.cast(neighbour);
    // Moved, so the old tracker is a row of its own that the failed transaction had deleted.
    await w.ballotBox.flush(key);
    const second = {
      ...ballotFor(key, userId, NEW_LINK),
      tracker: 'NEW1-AAAA-BBBB-CCCC',
      ...(fault === 'id collision' ? { ballotId: neighbour.ballotId } : {}),
      entries: NEW_ENTRIES,
      replacedBallotId: first.ballotId,
    };
    failAt = fault === 'id collision' ? null : fault;
    try {
      await expect(w.ballotBox.replace(second)).rejects.toThrow();
    } finally {
      failAt = null;
    }
    expect(sorted((await w.ballotBox.ballot(key, first.ballotId))!.entries)).toEqual(sorted(ENTRIES));
    expect((await w.ballotBox.ballot(key, first.ballotId))?.tracker).toBe('OLD1-AAAA-BBBB-CCCC');
    if (fault !== 'id collision') expect(await w.ballotBox.ballot(key, second.ballotId)).toBeNull();
    const mark = await w.ballotBox.mark(key, userId);
    expect(sameBytes(mark?.link?.salt, LINK.salt) && sameBytes(mark?.link?.sealed, LINK.sealed)).toBe(true);
    expect(await w.ballotBox.countBallots(key)).toBe(2);
    expect(await w.ballotBox.countVoters(key)).toBe(2);
    expect((await collect(w.ballotBox.ballots(key))).map((b) => b.ballotId).sort()).toEqual([first.ballotId, neighbour.ballotId].sort());
  });

  it('keeps every ballot readable, revocable and counted while ballots move out of the pending pool', async () => {
    const key = freshKey();
    await addElections(w, key);
    const casts: CastBallot[] = [];
    for (let i = 0; i < 70; i++) {
      const uid = (await w.users.upsertFromSignIn(`pool-${key}-${i}`, null)).id;
      const cast = {
        ...ballotFor(key, uid, null),
        entries: [
          { candidate: 'alice', rank: 1 + (i % 5) },
          { candidate: 'bob', rank: 1 + (i % 7) },
        ],
      };
      await w.ballotBox.cast(cast);
      casts.push(cast);
      expect(await w.ballotBox.countBallots(key)).toBe(i + 1);
    }
    for (const c of casts) expect(sorted((await w.ballotBox.ballot(key, c.ballotId))!.entries)).toEqual(sorted(c.entries));
    const uidOf = async (i: number) => (await w.users.byLogin(`pool-${key}-${i}`))!.id;
    // Revoke ten before anything reads all ballots (some may still wait in the pool), then stream.
    for (let i = 0; i < 10; i++) await w.ballotBox.revoke(key, await uidOf(i), casts[i]!.ballotId);
    const streamed = await collect(w.ballotBox.ballots(key));
    expect(streamed.map((b) => b.ballotId).sort()).toEqual(
      casts
        .slice(10)
        .map((c) => c.ballotId)
        .sort(),
    );
    const byId = new Map(casts.map((c) => [c.ballotId, c.entries]));
    for (const b of streamed) expect(sorted(b.entries)).toEqual(sorted(byId.get(b.ballotId)!));
    // After the read every ballot is settled; view and revoke still find them.
    expect(sorted((await w.ballotBox.ballot(key, casts[10]!.ballotId))!.entries)).toEqual(sorted(casts[10]!.entries));
    await w.ballotBox.revoke(key, await uidOf(10), casts[10]!.ballotId);
    expect(await w.ballotBox.ballot(key, casts[10]!.ballotId)).toBeNull();
    expect(await w.ballotBox.countBallots(key)).toBe(59);
    expect(await w.ballotBox.countVoters(key)).toBe(59);
    expect(await collect(w.ballotBox.ballots(key))).toHaveLength(59);
  });

  it('loses and duplicates nothing when 80 voters cast at once across several moves out of the pool', async () => {
    const key = freshKey();
    await addElections(w, key);
    const casts: CastBallot[] = [];
    for (let i = 0; i < 80; i++) casts.push(ballotFor(key, (await w.users.upsertFromSignIn(`burst-${key}-${i}`, null)).id, null));
    await Promise.all(casts.map((c) => w.ballotBox.cast(c)));
    expect(await w.ballotBox.countBallots(key)).toBe(80);
    const streamed = await collect(w.ballotBox.ballots(key));
    expect(streamed.map((b) => b.ballotId).sort()).toEqual(casts.map((c) => c.ballotId).sort());
    for (const b of streamed) expect(sorted(b.entries)).toEqual(sorted(ENTRIES));
  });

  it('streams ballots in an order unrelated to the order of voting (by ballot id)', async () => {
    const key = freshKey();
    await addElections(w, key);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const uid = (await w.users.upsertFromSignIn(`order-${key}-${i}`, null)).id;
      const cast = ballotFor(key, uid, null);
      await w.ballotBox.cast(cast);
      ids.push(cast.ballotId);
    }
    const streamed = (await collect(w.ballotBox.ballots(key))).map((b) => b.ballotId);
    expect(streamed).toEqual([...ids].sort());
  });

  it('refuses a ballot for an election that sync never recorded', async () => {
    await expect(w.ballotBox.cast(ballotFor(freshKey('unknown'), userId))).rejects.toMatchObject({ code: 'ELECTION_NOT_FOUND' });
  });
});
