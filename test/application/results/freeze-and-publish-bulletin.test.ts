import { JcsSha256BulletinHasher } from '../../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { CheckBulletin } from '../../../src/application/results/check-bulletin.js';
import { ClosingDigest } from '../../../src/application/results/closing-digest.js';
import { FreezeBulletin } from '../../../src/application/results/freeze-bulletin.js';
import { FreezeClosedElections } from '../../../src/application/results/freeze-closed-elections.js';
import { PublicBulletin } from '../../../src/application/results/public-bulletin.js';
import { CastBallot } from '../../../src/application/voting/cast-ballot.js';
import { verifyBulletin } from '../../../src/application/results/verify-bulletin.js';
import { anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { aUser } from '../../support/builders/user-builder.js';
import { r } from './results-support.js';

const hasher = new JcsSha256BulletinHasher();
const DAY = 24 * 3_600_000;

function setup(options: { publish?: boolean; trackers?: boolean } = {}) {
  // Running at NOW; closes a day later.
  const election = anElection()
    .key('2026---tsc')
    .candidates('ada', 'grace', 'alan')
    .voters('alice', 'bob', 'carol')
    .publishBallots(options.publish ?? false)
    .ballotTrackers(options.trackers ?? false)
    .status('running', NOW)
    .build();
  const w = inMemoryWorld([election]);
  const cast = new CastBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.clock, w.random, { minPassphraseLength: 0 });
  const freeze = new FreezeBulletin(w.catalog, w.ballotBox, w.frozenBulletins, w.clock, hasher);
  return {
    w,
    election,
    vote: async (login: string, ...pairs: Array<[string, number]>) =>
      cast.execute({ user: await w.signIn(login), electionKey: election.key, entries: r(...pairs), passphrase: 'a long enough passphrase for this test' }),
    close: () => w.clock.set(new Date(election.endsAt.getTime() + 60_000)),
    freeze,
    freezeAll: new FreezeClosedElections(w.catalog, freeze, w.clock),
    check: new CheckBulletin(w.catalog, freeze, w.frozenBulletins, w.clock, hasher),
    published: new PublicBulletin(w.catalog, w.ballotBox, w.clock, hasher),
    digest: new ClosingDigest(w.catalog, w.frozenBulletins, w.clock),
  };
}

describe('freezing the bulletin at the close', () => {
  it('freezes nothing while the election runs, then every ballot (pending ones too) once it has closed, once', async () => {
    const s = setup();
    await s.vote('alice', ['ada', 1], ['grace', 2]);
    await s.vote('bob', ['grace', 1]);
    expect(await s.freezeAll.execute()).toEqual({ frozen: 0, failed: [] });
    expect(await s.digest.execute(s.election.key)).toBeNull();
    expect(s.w.ballotBox.pendingCount(s.election.key)).toBe(2);

    s.close();
    expect(await s.freezeAll.execute()).toEqual({ frozen: 1, failed: [] });
    const frozen = await s.digest.execute(s.election.key);
    expect(frozen).toMatchObject({ ballotCount: 2, frozenAt: s.w.clock.now() });
    const check = await s.check.execute({ electionKey: s.election.key, requester: null });
    expect(check).toMatchObject({ intact: true, problems: [] });
    expect(check.bulletin.digest).toBe(frozen!.digest);
    expect(verifyBulletin(check.bulletin, hasher, { publishedDigest: frozen!.digest }).ok).toBe(true);

    // A second run, here or on another replica, keeps the first freeze.
    s.w.clock.set(new Date(s.w.clock.now().getTime() + DAY));
    expect((await s.freeze.execute(s.election.key)).frozenAt).toEqual(frozen!.frozenAt);
    expect(await s.freezeAll.execute()).toEqual({ frozen: 0, failed: [] });
  });

  it('is refused before the close, and the check is for the officers of the election only', async () => {
    const s = setup();
    await expect(s.freeze.execute(s.election.key)).rejects.toMatchObject({ code: 'ELECTION_NOT_COMPLETED' });
    s.close();
    await expect(s.check.execute({ electionKey: s.election.key, requester: aUser('mallory') })).rejects.toMatchObject({ code: 'NOT_AN_OFFICER' });
  });

  it('tells the officers when the ballots no longer give the frozen digest', async () => {
    const s = setup();
    await s.vote('alice', ['ada', 1]);
    s.close();
    await s.freezeAll.execute();
    // A ballot slipped in after the close (straight into the store, as only a database hand could).
    const mallory = await s.w.signIn('mallory');
    await s.w.ballotBox.cast({ electionKey: s.election.key, userId: mallory.id, ballotId: s.w.random.uuid(), entries: r(['alan', 1]), link: null });
    const check = await s.check.execute({ electionKey: s.election.key, requester: null });
    expect(check.intact).toBe(false);
    expect(check.problems).toContain('1 ballot at the close, 2 now: 1 added since.');
  });
});

describe('the public bulletin (publish_ballots) and ballot trackers (ballot_trackers)', () => {
  it('is published only after the close and only when the election says so', async () => {
    const quiet = setup();
    quiet.close();
    await expect(quiet.published.execute(quiet.election.key)).rejects.toMatchObject({ code: 'BULLETIN_NOT_PUBLISHED' });
    const open = setup({ publish: true });
    await open.vote('alice', ['ada', 1]);
    await expect(open.published.execute(open.election.key)).rejects.toMatchObject({ code: 'BULLETIN_NOT_PUBLISHED' });
    open.close();
    expect((await open.published.execute(open.election.key)).ballotCount).toBe(1);
  });

  it('gives each new ballot its own tracker, which the voter finds with their ranking in the published bulletin', async () => {
    const s = setup({ publish: true, trackers: true });
    const alice = await s.vote('alice', ['ada', 1], ['grace', 2]);
    const bob = await s.vote('bob', ['alan', 1], ['ada', 1]);
    expect(alice.tracker).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(bob.tracker).not.toBe(alice.tracker);
    s.close();
    const bulletin = await s.published.execute(s.election.key);
    expect(bulletin.ballots.find((b) => b.tracker === alice.tracker)?.ranks).toEqual({ ada: 1, grace: 2, alan: null });
    expect(bulletin.ballots.find((b) => b.tracker === bob.tracker)?.ranks).toEqual({ ada: 1, grace: null, alan: 1 });
  });

  it('gives no tracker where the election did not opt in', async () => {
    const s = setup({ publish: true });
    expect((await s.vote('alice', ['ada', 1])).tracker).toBeNull();
    s.close();
    expect((await s.published.execute(s.election.key)).ballots.map((b) => b.tracker)).toEqual([null]);
  });
});
