import { FixedPassphraseStrength } from '../../../src/adapters/passphrase/fixed-passphrase-strength.js';
import { CastBallot } from '../../../src/application/voting/cast-ballot.js';
import { guessableWords } from '../../../src/application/voting/passphrase-policy.js';
import { NO_OPINION_RANK } from '../../../src/domain/ballot/ranking.js';
import { DomainError } from '../../../src/domain/errors.js';
import { anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { STRONG_PASSPHRASE } from '../../support/passphrases.js';

const KEY = '2021---GB';

async function setup(build = anElection()) {
  const w = inMemoryWorld([build.build()]);
  const cast = new CastBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.clock, w.random);
  const alice = await w.signIn('alice');
  return { w, cast, alice };
}

async function ballotsOf(w: ReturnType<typeof inMemoryWorld>) {
  const out = [];
  for await (const b of w.ballotBox.ballots(KEY)) out.push(b);
  return out;
}

const vote = [
  { candidate: 'paris', rank: 1 },
  { candidate: 'dims', rank: 2 },
];

describe('CastBallot', () => {
  it('asks before a ballot without a passphrase when the caller says the voter has not confirmed (issue 13)', async () => {
    const { w, cast, alice } = await setup();
    const unconfirmed = cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '', confirmedWithoutPassphrase: false });
    await expect(unconfirmed).rejects.toMatchObject({ code: 'NO_PASSPHRASE_UNCONFIRMED', message: expect.stringMatching(/cannot view, change or revoke/) });
    expect(await w.ballotBox.mark(KEY, alice.id)).toBeNull();
    // A ballot that would be refused anyway says why, not this question.
    await expect(
      cast.execute({ user: alice, electionKey: KEY, entries: [{ candidate: 'nobody', rank: 1 }], passphrase: '', confirmedWithoutPassphrase: false }),
    ).rejects.toMatchObject({ code: 'INVALID_BALLOT' });
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '', confirmedWithoutPassphrase: true })).resolves.toEqual({
      linked: false,
      tracker: null,
    });
    // A passphrase makes the question moot.
    const bob = await w.signIn('bob');
    await expect(
      cast.execute({ user: bob, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE, confirmedWithoutPassphrase: false }),
    ).resolves.toEqual({
      linked: true,
      tracker: null,
    });
  });

  it('stores one entry per candidate in election order, unranked ones at NO_OPINION_RANK, and a sealed link', async () => {
    const { w, cast, alice } = await setup();
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE })).resolves.toEqual({
      linked: true,
      tracker: null,
    });
    const [ballot] = await ballotsOf(w);
    expect(ballot?.entries).toEqual([
      { candidate: 'dims', rank: 2 },
      { candidate: 'paris', rank: 1 },
      { candidate: 'aaron', rank: NO_OPINION_RANK },
    ]);
    const mark = await w.ballotBox.mark(KEY, alice.id);
    expect(mark?.hasLink).toBe(true);
    expect(await w.sealer.open(STRONG_PASSPHRASE, mark!.link!)).toBe(ballot?.ballotId);
    expect(ballot?.ballotId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('stores dense ranks, ties kept: the numbers a voter picks are not a signature (issue 11)', async () => {
    const { w, cast, alice } = await setup();
    const bob = await w.signIn('bob');
    const signed = [
      { candidate: 'dims', rank: 271828 },
      { candidate: 'paris', rank: 314159 },
      { candidate: 'aaron', rank: 577215 },
    ];
    await cast.execute({ user: alice, electionKey: KEY, entries: signed, passphrase: '' });
    const tied = [
      { candidate: 'dims', rank: 1 },
      { candidate: 'paris', rank: 1 },
      { candidate: 'aaron', rank: 4 },
    ];
    await cast.execute({ user: bob, electionKey: KEY, entries: tied, passphrase: '' });
    const stored = (await ballotsOf(w)).map((b) => b.entries.map((e) => e.rank).join(','));
    expect(stored.sort()).toEqual(['1,1,2', '1,2,3']);
  });

  it('stores no link at all without a passphrase, and says so', async () => {
    const { w, cast, alice } = await setup();
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' })).resolves.toEqual({ linked: false, tracker: null });
    const mark = await w.ballotBox.mark(KEY, alice.id);
    expect(mark).toMatchObject({ link: null, hasLink: false });
    expect(w.sealer.seals).toBe(0);
    expect(await w.ballotBox.countBallots(KEY)).toBe(1);
  });

  it('refuses a non-empty passphrase shorter than the minimum, counting characters not bytes', async () => {
    const { w, cast, alice } = await setup();
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '12345' })).rejects.toMatchObject({
      code: 'PASSPHRASE_TOO_SHORT',
    });
    // Length alone, with an estimator that finds everything strong: 7 characters are 14 UTF-8 bytes.
    const lengthOnly = (min: number) =>
      new CastBallot(w.catalog, w.ballotBox, w.sealer, new FixedPassphraseStrength(), w.clock, w.random, { minPassphraseLength: min });
    await expect(lengthOnly(8).execute({ user: alice, electionKey: KEY, entries: vote, passphrase: 'ééééééé' })).rejects.toMatchObject({
      code: 'PASSPHRASE_TOO_SHORT',
    });
    await expect(lengthOnly(7).execute({ user: alice, electionKey: KEY, entries: vote, passphrase: 'ééééééé' })).resolves.toEqual({
      linked: true,
      tracker: null,
    });
    expect(await w.ballotBox.countBallots(KEY)).toBe(1);
  });

  it('lets whitespace count in the length, as Elekto did (six spaces are then refused as guessable)', async () => {
    const { w, alice } = await setup();
    const lengthOnly = new CastBallot(w.catalog, w.ballotBox, w.sealer, new FixedPassphraseStrength(), w.clock, w.random);
    await expect(lengthOnly.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '      ' })).resolves.toEqual({ linked: true, tracker: null });
  });

  it('finds the voter on the roll whatever the case of the login', async () => {
    const { w, cast } = await setup(anElection().voters('Alice', 'BoB'));
    const bob = await w.signIn('bob');
    await expect(cast.execute({ user: bob, electionKey: KEY, entries: vote, passphrase: '' })).resolves.toEqual({ linked: false, tracker: null });
  });

  it.each([
    ['an unknown election', { electionKey: 'nope' }, 'ELECTION_NOT_FOUND'],
    ['an unknown candidate', { entries: [{ candidate: 'mallory', rank: 1 }] }, 'INVALID_BALLOT'],
    [
      'a candidate twice',
      {
        entries: [
          { candidate: 'dims', rank: 1 },
          { candidate: 'dims', rank: 2 },
        ],
      },
      'INVALID_BALLOT',
    ],
    ['a rank of zero', { entries: [{ candidate: 'dims', rank: 0 }] }, 'INVALID_BALLOT'],
    ['nothing ranked', { entries: [] }, 'INVALID_BALLOT'],
  ])('refuses %s', async (_what, override, code) => {
    const { w, cast, alice } = await setup();
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '', ...override })).rejects.toMatchObject({ code });
    expect(await w.ballotBox.countBallots(KEY)).toBe(0);
  });

  it.each([['upcoming'], ['completed']] as const)('refuses a ballot when the election is %s (Elekto accepted them)', async (status) => {
    const { w, cast, alice } = await setup(anElection().status(status, NOW));
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' })).rejects.toMatchObject({
      code: 'ELECTION_NOT_RUNNING',
    });
    expect(await w.ballotBox.countVoters(KEY)).toBe(0);
  });

  it('accepts a ballot at the very first and very last instant (both bounds belong to the window)', async () => {
    const { w, cast, alice } = await setup();
    w.clock.set(new Date('2021-06-01T00:00:00Z'));
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' });
    const bob = await w.signIn('bob');
    w.clock.set(new Date('2021-06-15T00:00:00Z'));
    await cast.execute({ user: bob, electionKey: KEY, entries: vote, passphrase: '' });
    w.clock.set(new Date('2021-06-15T00:00:00.001Z'));
    const carol = await w.signIn('carol');
    await expect(cast.execute({ user: carol, electionKey: KEY, entries: vote, passphrase: '' })).rejects.toMatchObject({
      code: 'ELECTION_NOT_RUNNING',
    });
  });

  it('refuses a user who is not on the voter roll, and any user when the election has no roll', async () => {
    const { w, cast } = await setup();
    const mallory = await w.signIn('mallory');
    await expect(cast.execute({ user: mallory, electionKey: KEY, entries: vote, passphrase: '' })).rejects.toMatchObject({
      code: 'VOTER_NOT_ELIGIBLE',
    });
    const other = await setup(anElection().noVoterRoll());
    await expect(other.cast.execute({ user: other.alice, electionKey: KEY, entries: vote, passphrase: '' })).rejects.toMatchObject({
      code: 'VOTER_NOT_ELIGIBLE',
    });
  });

  it('refuses a second ballot, and concurrent casts on several replicas leave exactly one', async () => {
    const { w, cast, alice } = await setup();
    // A CastBallot each, as on replicas behind a load balancer: only the ballot box can stop the doubles.
    const replicas = Array.from({ length: 10 }, () => new CastBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.clock, w.random));
    const results = await Promise.allSettled(
      replicas.map((replica) => replica.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(DomainError);
      expect(r.reason.code).toBe('ALREADY_VOTED');
    }
    expect(await w.ballotBox.countBallots(KEY)).toBe(1);
    expect(await w.ballotBox.countVoters(KEY)).toBe(1);
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' })).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
  });

  it('takes one cast per voter and election at a time in one process: the others are refused before sealing', async () => {
    const { w, cast, alice } = await setup();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as DomainError).code : 'ok'));
    expect(codes.filter((c) => c === 'REQUEST_IN_PROGRESS')).toHaveLength(9);
    expect(w.sealer.seals).toBe(1);
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' })).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
  });

  it('requires every candidate ranked when allow_no_opinion is false', async () => {
    const { cast, alice } = await setup(anElection().allowNoOpinion(false));
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' })).rejects.toMatchObject({
      code: 'INVALID_BALLOT',
      details: { missing: ['aaron'] },
    });
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: [...vote, { candidate: 'aaron', rank: 2 }], passphrase: '' })).resolves.toEqual({
      linked: false,
      tracker: null,
    });
  });

  it('keeps the ballot separate from the voter: the mark holds no ballot id in the clear', async () => {
    const { w, cast, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    const [ballot] = await ballotsOf(w);
    const mark = await w.ballotBox.mark(KEY, alice.id);
    const sealedText = Buffer.from(mark!.link!.sealed).toString('latin1');
    expect(sealedText).not.toContain(ballot!.ballotId);
    expect(JSON.stringify(ballot)).not.toContain('alice');
  });
});

// Issue 11: with a copy of the database alone, guesses are tested offline against the voter's salt
// and sealed link. A guessable passphrase would give that voter's ballot away.
describe('CastBallot refuses guessable passphrases', () => {
  it.each([['123456'], ['aaaaaa'], ['      '], ['password1'], ['alice2021']])('refuses %j, says why and how, and stores nothing', async (weak) => {
    const { w, cast, alice } = await setup();
    const refused = cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: weak });
    await expect(refused).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_WEAK', message: expect.stringContaining('too easy to guess') });
    await expect(refused).rejects.toMatchObject({ message: expect.stringContaining('several words') });
    expect(await w.ballotBox.countBallots(KEY)).toBe(0);
    expect(await w.ballotBox.mark(KEY, alice.id)).toBeNull();
    expect(w.sealer.seals).toBe(0);
  });

  it('accepts several unrelated words', async () => {
    const { cast, alice } = await setup();
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE })).resolves.toEqual({
      linked: true,
      tracker: null,
    });
  });

  it('counts what the page shows as guessed: the login, the name, the election and the candidates', async () => {
    const { w, alice } = await setup();
    const strength = new FixedPassphraseStrength();
    const cast = new CastBallot(w.catalog, w.ballotBox, w.sealer, strength, w.clock, w.random);
    const bob = await w.signIn('bob', 'Robert Tables');
    for (const [user, passphrase] of [
      [alice, 'I am alice, hi'],
      [bob, 'little robert tables'],
      [alice, 'general board forever'],
      [alice, 'vote paris now'],
    ] as const) {
      await expect(cast.execute({ user, electionKey: KEY, entries: vote, passphrase })).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_WEAK' });
    }
    expect(await w.ballotBox.countBallots(KEY)).toBe(0);
    expect(guessableWords(bob, anElection().build())).toEqual(
      expect.arrayContaining([
        'bob',
        'robert tables',
        'robert',
        'tables',
        '2021---gb',
        'select our 2021 general board rep',
        'general',
        'board',
        'elekto test',
        'dims',
        'paris',
        'aaron',
      ]),
    );
  });

  it('does not judge an empty passphrase: it stores no link to guess', async () => {
    const { w, alice } = await setup();
    const everythingWeak = { estimate: async () => ({ guessesLog10: 0, warning: 'weak', suggestions: [] }) };
    const cast = new CastBallot(w.catalog, w.ballotBox, w.sealer, everythingWeak, w.clock, w.random);
    await expect(cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: '' })).resolves.toEqual({ linked: false, tracker: null });
  });
});
