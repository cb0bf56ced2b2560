import { BallotRequestGate } from '../../../src/application/voting/ballot-request-gate.js';
import { CastBallot } from '../../../src/application/voting/cast-ballot.js';
import { RevokeBallot } from '../../../src/application/voting/revoke-ballot.js';
import { ViewBallot } from '../../../src/application/voting/view-ballot.js';
import { anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { OTHER_STRONG_PASSPHRASE, STRONG_PASSPHRASE } from '../../support/passphrases.js';

const KEY = '2021---GB';
const OTHER = '2021---TOC';
const vote = [
  { candidate: 'paris', rank: 1 },
  { candidate: 'dims', rank: 2 },
];
const MINUTE = 60_000;

async function setup() {
  const w = inMemoryWorld([anElection().build(), anElection().key(OTHER).named('TOC').candidates('jberkus', 'lachie83').build()]);
  const cast = new CastBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.clock, w.random);
  const view = new ViewBallot(w.catalog, w.ballotBox, w.sealer, w.attempts, w.clock);
  const revoke = new RevokeBallot(w.catalog, w.ballotBox, w.sealer, w.attempts, w.clock);
  const alice = await w.signIn('alice');
  return { w, cast, view, revoke, alice };
}

describe('ViewBallot', () => {
  it('shows the own ballot with the passphrase, best rank first, names resolved, "No opinion" as null', async () => {
    const { cast, view, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    const own = await view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE });
    expect(own.entries).toEqual([
      { candidate: 'paris', name: 'Paris', rank: 1 },
      { candidate: 'dims', name: 'Dims', rank: 2 },
      { candidate: 'aaron', name: 'Aaron', rank: null },
    ]);
    expect(own.ranking).toEqual([['paris'], ['dims']]);
  });

  it('shows dense ranks, also for a ballot stored with gaps (Elekto stored any integer)', async () => {
    const { w, view, alice } = await setup();
    const ballotId = w.random.uuid();
    const entries = [
      { candidate: 'dims', rank: 5 },
      { candidate: 'paris', rank: 5 },
      { candidate: 'aaron', rank: 9 },
    ];
    await w.ballotBox.cast({ electionKey: KEY, userId: alice.id, ballotId, entries, link: await w.sealer.seal(STRONG_PASSPHRASE, ballotId) });
    const own = await view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE });
    expect(own.entries.map((e) => [e.candidate, e.rank])).toEqual([
      ['dims', 1],
      ['paris', 1],
      ['aaron', 2],
    ]);
    expect(own.ranking).toEqual([['dims', 'paris'], ['aaron']]);
  });

  it('reveals nothing with a wrong passphrase', async () => {
    const { cast, view, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    const err = await view.execute({ user: alice, electionKey: KEY, passphrase: 'wrong horse' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(JSON.stringify(err)).not.toMatch(/paris|dims|[0-9a-f]{8}-[0-9a-f]{4}/);
    await expect(view.execute({ user: alice, electionKey: KEY, passphrase: '' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it('is scoped to the election: a voter who voted elsewhere has nothing to see here (Elekto #90)', async () => {
    const { w, cast, view, alice } = await setup();
    await cast.execute({ user: alice, electionKey: OTHER, entries: [{ candidate: 'jberkus', rank: 1 }], passphrase: STRONG_PASSPHRASE });
    await expect(view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).rejects.toMatchObject({ code: 'NOT_VOTED' });
    const bob = await w.signIn('bob');
    await cast.execute({ user: bob, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    const own = await view.execute({ user: alice, electionKey: OTHER, passphrase: STRONG_PASSPHRASE });
    expect(own.entries.map((e) => e.candidate)).toEqual(['jberkus', 'lachie83']);
  });

  it('says when no link exists: cast without a passphrase', async () => {
    const { cast, view, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' });
    await expect(view.execute({ user: alice, electionKey: KEY, passphrase: 'anything' })).rejects.toMatchObject({
      code: 'NO_RECOVERABLE_LINK',
    });
  });

  it('still works after the election ended, until the links are purged', async () => {
    const { w, cast, view, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    w.clock.set(new Date('2021-07-01T00:00:00Z'));
    await expect(view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).resolves.toMatchObject({ electionKey: KEY });
    await w.ballotBox.purgeLinks(KEY);
    await expect(view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).rejects.toMatchObject({
      code: 'NO_RECOVERABLE_LINK',
    });
  });

  it('limits wrong guesses to 5 per 15 minutes per voter and election, and says when to retry', async () => {
    const { w, cast, view, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    const firstGuessAt = w.clock.now().getTime();
    for (let i = 0; i < 5; i++) {
      await expect(view.execute({ user: alice, electionKey: KEY, passphrase: `guess ${i}` })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
      w.clock.set(new Date(w.clock.now().getTime() + MINUTE));
    }
    const opensBefore = w.sealer.opens;
    const err = await view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', details: { retryAt: new Date(firstGuessAt + 15 * MINUTE).toISOString() } });
    expect(w.sealer.opens).toBe(opensBefore); // no key derivation spent on a throttled attempt
    w.clock.set(new Date(firstGuessAt + 15 * MINUTE + 1));
    await expect(view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).resolves.toBeDefined();
  });

  it('takes one request per voter and election at a time: the rest of a burst is refused before any derivation', async () => {
    const { cast, view, alice, w } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => view.execute({ user: alice, electionKey: KEY, passphrase: `guess ${i}` })));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'WRONG_PASSPHRASE')).toHaveLength(1);
    expect(codes.filter((c) => c === 'REQUEST_IN_PROGRESS')).toHaveLength(19);
    expect(w.sealer.opens).toBe(1);
    // Once it is answered, the next one is taken.
    await expect(view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).resolves.toBeDefined();
  });

  it('counts concurrent guesses across replicas (a gate each, one store): no more than the limit get through', async () => {
    const { cast, alice, w } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    const replicas = Array.from({ length: 20 }, () => new ViewBallot(w.catalog, w.ballotBox, w.sealer, w.attempts, w.clock));
    const results = await Promise.allSettled(replicas.map((view, i) => view.execute({ user: alice, electionKey: KEY, passphrase: `guess ${i}` })));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'WRONG_PASSPHRASE')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(15);
    expect(w.sealer.opens).toBe(5);
  });

  it('shares one gate between cast, view and revoke when given one', async () => {
    const { w, alice } = await setup();
    const gate = new BallotRequestGate();
    const cast = new CastBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.clock, w.random, { gate });
    const view = new ViewBallot(w.catalog, w.ballotBox, w.sealer, w.attempts, w.clock, { gate });
    const [casting, viewing] = await Promise.allSettled([
      cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE }),
      view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE }),
    ]);
    expect(casting.status).toBe('fulfilled');
    expect(viewing).toMatchObject({ status: 'rejected', reason: { code: 'REQUEST_IN_PROGRESS' } });
    // Another election of the same voter is not held up.
    await expect(cast.execute({ user: alice, electionKey: OTHER, entries: [{ candidate: 'jberkus', rank: 1 }], passphrase: '' })).resolves.toBeDefined();
  });

  it('counts attempts per voter: another voter is not locked out, and a success resets the count', async () => {
    const { w, cast, view, alice } = await setup();
    const bob = await w.signIn('bob');
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    await cast.execute({ user: bob, electionKey: KEY, entries: vote, passphrase: OTHER_STRONG_PASSPHRASE });
    for (let i = 0; i < 4; i++) await view.execute({ user: alice, electionKey: KEY, passphrase: 'nope' }).catch(() => undefined);
    await view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE });
    for (let i = 0; i < 4; i++) await view.execute({ user: alice, electionKey: KEY, passphrase: 'nope' }).catch(() => undefined);
    await expect(view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).resolves.toBeDefined();
    await expect(view.execute({ user: bob, electionKey: KEY, passphrase: OTHER_STRONG_PASSPHRASE })).resolves.toBeDefined();
  });

  it('has nothing to show before the election starts', async () => {
    const { w, view, alice } = await setup();
    w.clock.set(new Date('2021-05-01T00:00:00Z'));
    await expect(view.execute({ user: alice, electionKey: KEY, passphrase: 'x' })).rejects.toMatchObject({ code: 'ELECTION_NOT_RUNNING' });
  });
});

describe('RevokeBallot', () => {
  it('deletes the ballot and the mark together; the voter may then vote again', async () => {
    const { w, cast, revoke, view, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    await revoke.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE });
    expect(await w.ballotBox.countBallots(KEY)).toBe(0);
    expect(await w.ballotBox.mark(KEY, alice.id)).toBeNull();
    await cast.execute({ user: alice, electionKey: KEY, entries: [{ candidate: 'aaron', rank: 1 }], passphrase: OTHER_STRONG_PASSPHRASE });
    const own = await view.execute({ user: alice, electionKey: KEY, passphrase: OTHER_STRONG_PASSPHRASE });
    expect(own.ranking).toEqual([['aaron']]);
  });

  it('keeps the ballot on a wrong passphrase', async () => {
    const { w, cast, revoke, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    await expect(revoke.execute({ user: alice, electionKey: KEY, passphrase: 'wrong horse' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(await w.ballotBox.countBallots(KEY)).toBe(1);
  });

  it('is refused once the election has ended (Elekto allowed it)', async () => {
    const { w, cast, revoke, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    w.clock.set(new Date(NOW.getTime() + 30 * 24 * 60 * MINUTE));
    await expect(revoke.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).rejects.toMatchObject({
      code: 'ELECTION_NOT_RUNNING',
    });
    expect(await w.ballotBox.countBallots(KEY)).toBe(1);
  });

  it('cannot revoke a ballot cast without a passphrase, nor one never cast', async () => {
    const { w, cast, revoke, alice } = await setup();
    await expect(revoke.execute({ user: alice, electionKey: KEY, passphrase: 'x' })).rejects.toMatchObject({ code: 'NOT_VOTED' });
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' });
    await expect(revoke.execute({ user: alice, electionKey: KEY, passphrase: '' })).rejects.toMatchObject({ code: 'NO_RECOVERABLE_LINK' });
    expect(await w.ballotBox.countBallots(KEY)).toBe(1);
  });

  it('two concurrent revokes delete once; the second finds nothing', async () => {
    const { w, cast, revoke, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    const results = await Promise.allSettled([
      revoke.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE }),
      revoke.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await w.ballotBox.countVoters(KEY)).toBe(0);
  });
});
