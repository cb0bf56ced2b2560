import { ComputeResults } from '../../../src/application/results/compute-results.js';
import { ElectionTurnout } from '../../../src/application/results/election-turnout.js';
import { PurgeDueLinks } from '../../../src/application/results/purge-due-links.js';
import { PurgeLinks } from '../../../src/application/results/purge-links.js';
import { DEFAULT_LINK_PURGE_DELAY_HOURS } from '../../../src/domain/election/link-purge.js';
import { seatCapRule } from '../../../src/application/results/tally-election.js';
import type { StoredBallot } from '../../../src/application/ports/ballot-box.js';
import { NO_OPINION_RANK } from '../../../src/domain/ballot/ranking.js';
import { aCandidate, anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { castMany, condorcet, r } from './results-support.js';

const KEY = '2021---GB';

async function setup(build = anElection()) {
  const w = inMemoryWorld([build.status('completed', NOW).build()]);
  const compute = new ComputeResults(w.catalog, w.ballotBox, w.clock);
  const officer = await w.signIn('officer1');
  return { w, compute, officer };
}

describe('ComputeResults', () => {
  it('counts the ballots with Schulze (winning votes) by default, with turnout over the voter roll', async () => {
    const { w, compute, officer } = await setup(anElection().voters('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'));
    await castMany(w, KEY, [r(['dims', 1], ['paris', 2], ['aaron', 3])], 3);
    await castMany(w, KEY, [r(['paris', 1], ['aaron', 2], ['dims', 3])], 2);
    await castMany(w, KEY, [r(['aaron', 1], ['dims', NO_OPINION_RANK], ['paris', NO_OPINION_RANK])], 1);
    const res = condorcet(await compute.execute({ electionKey: KEY, requester: officer }));
    expect(res.tally).toMatchObject({ method: 'schulze', strength: 'winning', ballots: 6, winners: ['dims'] });
    expect(res.tally.ranking).toEqual([['dims'], ['paris'], ['aaron']]);
    expect(res.tally.pairwise['dims']?.['paris']).toBe(3);
    expect(res.turnout).toEqual({ ballots: 6, eligible: 8, ratio: 0.75 });
    expect(res.links).toEqual({ remaining: 6, purgeDueAt: null });
  });

  it('honours the method and strength asked for, and the election’s number of seats', async () => {
    const { w, compute } = await setup(anElection().seats(2));
    await castMany(w, KEY, [r(['dims', 1], ['paris', 2], ['aaron', 3])], 2);
    const res = condorcet(await compute.execute({ electionKey: KEY, requester: null, method: 'copeland', strength: 'margin' }));
    expect(res.tally).toMatchObject({ method: 'copeland', winners: ['dims', 'paris'] });
  });

  it('applies the seat cap from candidate info, comparing values case-insensitively', async () => {
    const build = anElection()
      .seats(2)
      .seatCap({ field: 'employer', limit: 1 })
      .candidates(
        aCandidate('dims', { info: { employer: 'VMware' } }),
        aCandidate('paris', { info: { employer: 'vmware ' } }),
        aCandidate('aaron', { info: { employer: 'Google' } }),
      );
    const { w, compute, officer } = await setup(build);
    await castMany(w, KEY, [r(['dims', 1], ['paris', 2], ['aaron', 3])], 3);
    const res = condorcet(await compute.execute({ electionKey: KEY, requester: officer }));
    expect(res.tally.winners).toEqual(['dims', 'aaron']);
    expect(res.tally.passedOver.map((p) => p.candidate)).toEqual(['paris']);
    expect(res.tally.passedOver[0]?.reason).toContain('VMware');
    expect(seatCapRule(build.build())?.valueOf).toEqual({ dims: 'VMware', paris: 'VMware', aaron: 'Google' });
  });

  it('gives a result with no ballots at all: every candidate tied, turnout zero', async () => {
    const { compute, officer } = await setup();
    const res = condorcet(await compute.execute({ electionKey: KEY, requester: officer }));
    expect(res.tally.ranking).toEqual([expect.arrayContaining(['dims', 'paris', 'aaron'])]);
    expect(res.tally.tieAtCutoff).toBe(true);
    expect(res.turnout).toEqual({ ballots: 0, eligible: 3, ratio: 0 });
  });

  it('turnout ratio is null when the roll is empty', async () => {
    const { compute } = await setup(anElection().noVoterRoll());
    expect((await compute.execute({ electionKey: KEY, requester: null })).turnout).toEqual({ ballots: 0, eligible: 0, ratio: null });
  });

  it('is for the officers of this election only, and only once it is completed', async () => {
    const { w, compute } = await setup();
    await expect(compute.execute({ electionKey: KEY, requester: await w.signIn('alice') })).rejects.toMatchObject({ code: 'NOT_AN_OFFICER' });
    w.clock.set(new Date(NOW.getTime() - 36 * 3_600_000));
    await expect(compute.execute({ electionKey: KEY, requester: null })).rejects.toMatchObject({ code: 'ELECTION_NOT_COMPLETED' });
    await expect(compute.execute({ electionKey: 'nope', requester: null })).rejects.toMatchObject({ code: 'ELECTION_NOT_FOUND' });
  });

  it('skips and reports stored lines it cannot use (unknown candidates, bad ranks, repeats) instead of failing', async () => {
    const { w, compute } = await setup();
    await castMany(w, KEY, [r(['dims', 1], ['paris', 2], ['bogus', 1], ['aaron', 0], ['dims', 3])]);
    const res = condorcet(await compute.execute({ electionKey: KEY, requester: null }));
    expect(res.ignored).toEqual({ entries: 3, unknownCandidates: ['bogus'] });
    expect(res.tally.pairwise['dims']?.['paris']).toBe(1);
  });

  it('reads ballots as a stream, one at a time (never asks for them all at once)', async () => {
    const { w, compute } = await setup();
    await castMany(w, KEY, [r(['dims', 1])], 5);
    let pulled = 0;
    let maxAhead = 0;
    const inner = w.ballotBox.ballots.bind(w.ballotBox);
    w.ballotBox.ballots = async function* (key: string): AsyncIterable<StoredBallot> {
      for await (const b of inner(key)) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled);
        yield b;
        pulled--;
      }
    };
    await compute.execute({ electionKey: KEY, requester: null });
    expect(maxAhead).toBe(1);
  });

  it('with delete_after, reading results destroys nothing and says when the links go', async () => {
    const { w, compute } = await setup(anElection().deleteAfter());
    await castMany(w, KEY, [r(['dims', 1])], 3);
    const first = await compute.execute({ electionKey: KEY, requester: null });
    const election = w.catalog.current().elections.get(KEY)!;
    expect(first.links).toEqual({ remaining: 3, purgeDueAt: new Date(election.endsAt.getTime() + DEFAULT_LINK_PURGE_DELAY_HOURS * 3_600_000) });
    const again = await compute.execute({ electionKey: KEY, requester: null });
    expect(again.links.remaining).toBe(3);
    expect(await w.ballotBox.purgeLinks(KEY)).toBe(3); // all three were still there to destroy
  });

  it('without delete_after the links stay', async () => {
    const { w, compute } = await setup();
    await castMany(w, KEY, [r(['dims', 1])], 2);
    expect((await compute.execute({ electionKey: KEY, requester: null })).links).toEqual({ remaining: 2, purgeDueAt: null });
    expect(await w.ballotBox.purgeLinks(KEY)).toBe(2); // both links were still there to destroy
  });
});

describe('PurgeDueLinks', () => {
  it('destroys the links of a delete_after election once the delay after its close has passed, once', async () => {
    const w = inMemoryWorld([anElection().deleteAfter().status('completed', NOW).build(), anElection().key('keeps').status('completed', NOW).build()]);
    await castMany(w, KEY, [r(['dims', 1])], 3);
    await castMany(w, 'keeps', [r(['dims', 1])], 2);
    const endsAt = w.catalog.current().elections.get(KEY)!.endsAt;
    const due = new PurgeDueLinks(w.catalog, w.ballotBox, w.clock, { linkPurgeDelayHours: 24 });
    w.clock.set(new Date(endsAt.getTime() + 24 * 3_600_000 - 1));
    expect(await due.execute()).toEqual({ elections: [], purged: 0 });
    expect(await w.ballotBox.countLinks(KEY)).toBe(3);
    w.clock.set(new Date(endsAt.getTime() + 24 * 3_600_000));
    expect(await due.execute()).toEqual({ elections: [KEY], purged: 3 });
    expect(await w.ballotBox.countLinks(KEY)).toBe(0);
    expect(await w.ballotBox.countBallots(KEY)).toBe(3);
    expect(await due.execute()).toEqual({ elections: [], purged: 0 });
    expect(await w.ballotBox.countLinks('keeps')).toBe(2); // no delete_after: kept until an officer acts
  });
});

describe('PurgeLinks', () => {
  it('destroys every link of a completed election, keeps ballots and marks, and is idempotent', async () => {
    const { w } = await setup();
    await castMany(w, KEY, [r(['dims', 1])], 4);
    const purge = new PurgeLinks(w.catalog, w.ballotBox, w.clock);
    expect(await purge.execute({ electionKey: KEY, requester: null })).toEqual({ electionKey: KEY, purged: 4, ballots: 4 });
    expect(await purge.execute({ electionKey: KEY, requester: null })).toEqual({ electionKey: KEY, purged: 0, ballots: 4 });
    expect(await w.ballotBox.countVoters(KEY)).toBe(4);
  });

  it('refuses while the election runs, and refuses non-officers', async () => {
    const w = inMemoryWorld([anElection().build()]);
    const purge = new PurgeLinks(w.catalog, w.ballotBox, w.clock);
    await expect(purge.execute({ electionKey: KEY, requester: null })).rejects.toMatchObject({ code: 'ELECTION_NOT_COMPLETED' });
    w.clock.set(new Date('2021-07-01T00:00:00Z'));
    await expect(purge.execute({ electionKey: KEY, requester: await w.signIn('alice') })).rejects.toMatchObject({ code: 'NOT_AN_OFFICER' });
  });
});

describe('ElectionTurnout', () => {
  it('counts ballots against the roll at any status, for officers, without purging links', async () => {
    const w = inMemoryWorld([anElection().deleteAfter().build()]);
    await castMany(w, KEY, [r(['dims', 1])], 2);
    const turnout = new ElectionTurnout(w.catalog, w.ballotBox, w.clock);
    expect(await turnout.execute({ electionKey: KEY, requester: await w.signIn('officer1') })).toEqual({
      status: 'running',
      ballots: 2,
      eligible: 3,
      ratio: 2 / 3,
    });
    await expect(turnout.execute({ electionKey: KEY, requester: await w.signIn('alice') })).rejects.toMatchObject({ code: 'NOT_AN_OFFICER' });
    w.clock.set(new Date('2021-07-01T00:00:00Z'));
    await turnout.execute({ electionKey: KEY, requester: null });
    expect(await w.ballotBox.purgeLinks(KEY)).toBe(2); // the links were still there
  });
});
