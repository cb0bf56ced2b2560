import { FileExceptionRequest } from '../../../src/application/exceptions/file-exception-request.js';
import { CastBallot } from '../../../src/application/voting/cast-ballot.js';
import { VoterStanding } from '../../../src/application/voting/voter-standing.js';
import { anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { STRONG_PASSPHRASE } from '../../support/passphrases.js';

const KEY = '2021---GB';
const vote = [{ candidate: 'dims', rank: 1 }];
const form = { name: 'M', email: 'm@example.org', chat: 'm', description: 'docs', comments: '' };

async function setup(build = anElection()) {
  const w = inMemoryWorld([build.build()]);
  const standing = new VoterStanding(w.catalog, w.ballotBox, w.exceptionRequests, w.clock, 'secret');
  const cast = new CastBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.clock, w.random);
  return { w, standing, cast };
}

describe('VoterStanding', () => {
  it('an eligible voter who has not voted may vote', async () => {
    const { w, standing } = await setup();
    const alice = await w.signIn('ALICE');
    const s = await standing.execute({ user: alice, electionKey: KEY });
    expect(s).toMatchObject({
      status: 'running',
      eligible: true,
      voted: false,
      isOfficer: false,
      canVote: true,
      canViewBallot: false,
      canRevoke: false,
      exceptionRequest: null,
      canRequestException: false,
    });
    expect(s.candidates.map((c) => c.id).sort()).toEqual(['aaron', 'dims', 'paris']);
    const again = await standing.execute({ user: alice, electionKey: KEY });
    expect(again.candidates).toEqual(s.candidates);
  });

  it('after voting with a passphrase: may view and revoke; after the end: view only; without one: neither', async () => {
    const { w, standing, cast } = await setup();
    const alice = await w.signIn('alice');
    const bob = await w.signIn('bob');
    await cast.execute({ user: alice, electionKey: KEY, entries: vote, passphrase: STRONG_PASSPHRASE });
    await cast.execute({ user: bob, electionKey: KEY, entries: vote, passphrase: '' });
    expect(await standing.execute({ user: alice, electionKey: KEY })).toMatchObject({ voted: true, canVote: false, canViewBallot: true, canRevoke: true });
    expect(await standing.execute({ user: bob, electionKey: KEY })).toMatchObject({ voted: true, canViewBallot: false, canRevoke: false });
    w.clock.set(new Date('2021-07-01T00:00:00Z'));
    expect(await standing.execute({ user: alice, electionKey: KEY })).toMatchObject({
      status: 'completed',
      canViewBallot: true,
      canRevoke: false,
      canVote: false,
    });
  });

  it('an officer not on the roll is an officer and not eligible; a user outside the roll may request an exception while the window is open', async () => {
    const { w, standing } = await setup(anElection().exceptionsDue('2021-06-10T00:00:00Z').officers('Officer1'));
    const officer = await w.signIn('officer1');
    expect(await standing.execute({ user: officer, electionKey: KEY })).toMatchObject({ isOfficer: true, eligible: false, canVote: false });
    const mallory = await w.signIn('mallory');
    expect(await standing.execute({ user: mallory, electionKey: KEY })).toMatchObject({ exceptionOpen: true, canRequestException: true });
    w.clock.set(new Date('2021-06-10T00:00:01Z'));
    expect(await standing.execute({ user: mallory, electionKey: KEY })).toMatchObject({ exceptionOpen: false, canRequestException: false });
  });

  it("shows the user's own exception request with the officers' decision", async () => {
    const { w, standing } = await setup(anElection().exceptionsDue('2021-06-10T00:00:00Z'));
    const mallory = await w.signIn('mallory');
    await new FileExceptionRequest(w.catalog, w.exceptionRequests, w.clock).execute({ user: mallory, electionKey: KEY, form });
    const request = (await w.exceptionRequests.ofUser(KEY, mallory.id))!;
    await w.exceptionRequests.decide(KEY, request.id, { decision: 'declined', note: 'Not enough contributions yet.', decidedBy: 'officer1', at: NOW });
    const s = await standing.execute({ user: mallory, electionKey: KEY });
    expect(s.canRequestException).toBe(false);
    expect(s.exceptionRequest).toMatchObject({ decision: 'declined', decisionNote: 'Not enough contributions yet.' });
  });

  it('ELECTION_NOT_FOUND for an unknown key', async () => {
    const { w, standing } = await setup();
    await expect(standing.execute({ user: await w.signIn('alice'), electionKey: 'x' })).rejects.toMatchObject({ code: 'ELECTION_NOT_FOUND' });
  });
});
