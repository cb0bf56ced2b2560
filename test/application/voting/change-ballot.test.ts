import type { BallotBox, ReplaceBallot } from '../../../src/application/ports/ballot-box.js';
import { CastBallot } from '../../../src/application/voting/cast-ballot.js';
import { ChangeBallot } from '../../../src/application/voting/change-ballot.js';
import { ViewBallot } from '../../../src/application/voting/view-ballot.js';
import { NO_OPINION_RANK } from '../../../src/domain/ballot/ranking.js';
import { DomainError } from '../../../src/domain/errors.js';
import { anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { OTHER_STRONG_PASSPHRASE, STRONG_PASSPHRASE } from '../../support/passphrases.js';

const KEY = '2021---GB';
const DAY = 24 * 3600_000;
const first = [
  { candidate: 'paris', rank: 1 },
  { candidate: 'dims', rank: 2 },
];
const second = [
  { candidate: 'aaron', rank: 7 },
  { candidate: 'dims', rank: 9 },
];

async function setup(ballotBox?: (box: BallotBox) => BallotBox, trackers = false) {
  const w = inMemoryWorld([anElection().ballotTrackers(trackers).build()]);
  const box = ballotBox ? ballotBox(w.ballotBox) : w.ballotBox;
  const cast = new CastBallot(w.catalog, box, w.sealer, w.strength, w.clock, w.random);
  const change = new ChangeBallot(w.catalog, box, w.sealer, w.strength, w.attempts, w.clock, w.random);
  const view = new ViewBallot(w.catalog, box, w.sealer, w.attempts, w.clock);
  const alice = await w.signIn('alice');
  return { w, cast, change, view, alice };
}

async function ballotsOf(w: ReturnType<typeof inMemoryWorld>) {
  const out = [];
  for await (const b of w.ballotBox.ballots(KEY)) out.push(b);
  return out;
}

describe('ChangeBallot', () => {
  it('shows the current ballot, then replaces it: dense ranks, a new id, the same passphrase when no new one is given', async () => {
    const { w, cast, change, view, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: first, passphrase: STRONG_PASSPHRASE });
    const [old] = await ballotsOf(w);
    expect((await change.current({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).ranking).toEqual([['paris'], ['dims']]);

    await expect(change.execute({ user: alice, electionKey: KEY, entries: second, passphrase: STRONG_PASSPHRASE, newPassphrase: '' })).resolves.toEqual({
      linked: true,
      tracker: null,
    });
    const after = await ballotsOf(w);
    expect(after).toHaveLength(1);
    expect(after[0]!.ballotId).not.toBe(old!.ballotId);
    expect(after[0]!.entries).toEqual([
      { candidate: 'dims', rank: 2 },
      { candidate: 'paris', rank: NO_OPINION_RANK },
      { candidate: 'aaron', rank: 1 },
    ]);
    expect((await view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).ranking).toEqual([['aaron'], ['dims']]);
    expect(await w.ballotBox.countVoters(KEY)).toBe(1);
  });

  it('takes a new passphrase: the old one opens nothing afterwards', async () => {
    const { cast, change, view, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: first, passphrase: STRONG_PASSPHRASE });
    await change.execute({ user: alice, electionKey: KEY, entries: second, passphrase: STRONG_PASSPHRASE, newPassphrase: OTHER_STRONG_PASSPHRASE });
    await expect(view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect((await view.execute({ user: alice, electionKey: KEY, passphrase: OTHER_STRONG_PASSPHRASE })).ranking).toEqual([['aaron'], ['dims']]);
  });

  it('refuses a wrong passphrase, a weak new one, an invalid ranking, and a ballot cast without a passphrase; the old ballot stays', async () => {
    const { w, cast, change, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: first, passphrase: STRONG_PASSPHRASE });
    const [old] = await ballotsOf(w);
    const attempt = { user: alice, electionKey: KEY, entries: second, passphrase: STRONG_PASSPHRASE, newPassphrase: '' };
    await expect(change.execute({ ...attempt, passphrase: OTHER_STRONG_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(change.execute({ ...attempt, newPassphrase: 'abc' })).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_SHORT' });
    await expect(change.execute({ ...attempt, newPassphrase: 'password1' })).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_WEAK' });
    await expect(change.execute({ ...attempt, entries: [{ candidate: 'nobody', rank: 1 }] })).rejects.toMatchObject({ code: 'INVALID_BALLOT' });
    expect(await ballotsOf(w)).toEqual([old]);

    const bob = await w.signIn('bob');
    await cast.execute({ user: bob, electionKey: KEY, entries: first, passphrase: '' });
    await expect(change.current({ user: bob, electionKey: KEY, passphrase: '' })).rejects.toMatchObject({ code: 'NO_RECOVERABLE_LINK' });
    await expect(change.execute({ ...attempt, user: bob, passphrase: '' })).rejects.toMatchObject({ code: 'NO_RECOVERABLE_LINK' });
    const carol = await w.signIn('carol');
    await expect(change.execute({ ...attempt, user: carol })).rejects.toMatchObject({ code: 'NOT_VOTED' });
    const dave = await w.signIn('dave');
    await expect(change.execute({ ...attempt, user: dave })).rejects.toMatchObject({ code: 'VOTER_NOT_ELIGIBLE' });
  });

  it('is possible only while the election runs', async () => {
    const { w, cast, change, alice } = await setup();
    await cast.execute({ user: alice, electionKey: KEY, entries: first, passphrase: STRONG_PASSPHRASE });
    w.clock.set(new Date(NOW.getTime() + 30 * DAY));
    await expect(change.current({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).rejects.toMatchObject({ code: 'ELECTION_NOT_RUNNING' });
    await expect(change.execute({ user: alice, electionKey: KEY, entries: second, passphrase: STRONG_PASSPHRASE, newPassphrase: '' })).rejects.toMatchObject({
      code: 'ELECTION_NOT_RUNNING',
    });
  });

  it('says the vote was not changed, and the old ballot stands, when the store refuses the replacement', async () => {
    const failing = (box: BallotBox): BallotBox =>
      new Proxy(box, {
        get: (target, prop, receiver) =>
          prop === 'replace'
            ? async (_: ReplaceBallot) => {
                throw new DomainError('WRITE_FAILED', 'The database could not store this.');
              }
            : Reflect.get(target, prop, receiver),
      });
    const { w, cast, change, view, alice } = await setup(failing);
    await cast.execute({ user: alice, electionKey: KEY, entries: first, passphrase: STRONG_PASSPHRASE });
    await expect(change.execute({ user: alice, electionKey: KEY, entries: second, passphrase: STRONG_PASSPHRASE, newPassphrase: '' })).rejects.toMatchObject({
      code: 'BALLOT_NOT_RECORDED',
      message: expect.stringContaining('Your earlier ballot stands'),
    });
    expect((await view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).ranking).toEqual([['paris'], ['dims']]);
    expect(await w.ballotBox.countBallots(KEY)).toBe(1);
  });

  it('gives the new ballot a new tracker (ballot_trackers) and takes the old one away: the old tracker finds nothing', async () => {
    const { w, cast, change, view, alice } = await setup(undefined, true);
    const cast1 = await cast.execute({ user: alice, electionKey: KEY, entries: first, passphrase: STRONG_PASSPHRASE });
    expect(cast1.tracker).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const changed = await change.execute({ user: alice, electionKey: KEY, entries: second, passphrase: STRONG_PASSPHRASE, newPassphrase: '' });
    expect(changed.tracker).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(changed.tracker).not.toBe(cast1.tracker);
    const trackers = (await ballotsOf(w)).map((b) => b.tracker);
    expect(trackers).toEqual([changed.tracker]);
    expect((await view.execute({ user: alice, electionKey: KEY, passphrase: STRONG_PASSPHRASE })).tracker).toBe(changed.tracker);
  });
});
