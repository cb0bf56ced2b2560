import { Dashboard } from '../../../src/application/elections/dashboard.js';
import { ListElections } from '../../../src/application/elections/list-elections.js';
import { CastBallot } from '../../../src/application/voting/cast-ballot.js';
import { anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';

const H = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * H);

function elections() {
  return [
    anElection().key('past-old').named('Past old').runningBetween(at(-100), at(-90)).voters('bob').build(),
    anElection().key('past-new').named('Past new').runningBetween(at(-50), at(-10)).voters('alice').build(),
    anElection().key('run-long').named('Running long').runningBetween(at(-5), at(50)).voters('bob').build(),
    anElection().key('run-short').named('Running short').runningBetween(at(-5), at(5)).voters('alice').build(),
    anElection().key('soon').named('Soon').runningBetween(at(5), at(10)).build(),
    anElection().key('later').named('Later').runningBetween(at(50), at(60)).officers('alice').build(),
  ];
}

describe('ListElections', () => {
  it('lists running first (closing soonest), then upcoming (opening soonest), then past (most recent) — Elekto #68', () => {
    const w = inMemoryWorld(elections());
    const list = new ListElections(w.catalog, w.clock).execute();
    expect(list.elections.map((e) => e.key)).toEqual(['run-short', 'run-long', 'soon', 'later', 'past-new', 'past-old']);
    expect(list.elections[0]).toMatchObject({ status: 'running', name: 'Running short', candidateCount: 3, resultsPublished: false });
  });

  it('filters by status; an unknown filter lists nothing, as in Elekto', () => {
    const w = inMemoryWorld(elections());
    const list = new ListElections(w.catalog, w.clock);
    expect(list.execute({ status: 'upcoming' }).elections.map((e) => e.key)).toEqual(['soon', 'later']);
    expect(list.execute({ status: 'completed' }).elections.map((e) => e.key)).toEqual(['past-new', 'past-old']);
    expect(list.execute({ status: 'Running' })).toEqual({ status: null, unknownFilter: true, elections: [] });
    expect(list.execute({ status: '' }).elections).toHaveLength(6);
  });
});

describe('Dashboard', () => {
  it("shows every running and upcoming election with the user's standing, and the past ones that concern them", async () => {
    const w = inMemoryWorld(elections());
    const alice = await w.signIn('alice');
    await new CastBallot(w.catalog, w.ballotBox, w.sealer, w.strength, w.clock, w.random).execute({
      user: alice,
      electionKey: 'run-short',
      entries: [{ candidate: 'dims', rank: 1 }],
      passphrase: '',
    });
    const view = await new Dashboard(w.catalog, w.ballotBox, w.clock, w.exceptionRequests).execute({ user: alice });
    expect(view.running.map((e) => [e.key, e.eligible, e.voted])).toEqual([
      ['run-short', true, true],
      ['run-long', false, false],
    ]);
    expect(view.upcoming.map((e) => [e.key, e.isOfficer])).toEqual([
      ['soon', false],
      ['later', true],
    ]);
    expect(view.past.map((e) => e.key)).toEqual(['past-new']);
    expect(view.empty).toBe(false);
  });

  it('says when the user is off a roll with an exception request the officers have not decided yet', async () => {
    const w = inMemoryWorld(elections());
    const alice = await w.signIn('alice');
    const request = { userId: alice.id, name: 'Alice', email: 'a@example.org', chat: 'alice', description: 'Docs sprint.', comments: '' };
    await w.exceptionRequests.file({ ...request, electionKey: 'run-long' }, NOW);
    const dashboard = new Dashboard(w.catalog, w.ballotBox, w.clock, w.exceptionRequests);
    let view = await dashboard.execute({ user: alice });
    expect(view.running.map((e) => [e.key, e.eligible, e.exceptionPending])).toEqual([
      ['run-short', true, false],
      ['run-long', false, true],
    ]);
    const [filed] = await w.exceptionRequests.list('run-long');
    await w.exceptionRequests.decide('run-long', filed!.id, { decision: 'declined', note: '', decidedBy: 'olivia', at: NOW });
    view = await dashboard.execute({ user: alice });
    expect(view.running.find((e) => e.key === 'run-long')?.exceptionPending).toBe(false);
  });

  it('is empty when there is nothing to do', async () => {
    const w = inMemoryWorld([anElection().runningBetween(at(-100), at(-90)).build()]);
    const view = await new Dashboard(w.catalog, w.ballotBox, w.clock, w.exceptionRequests).execute({ user: await w.signIn('nobody') });
    expect(view).toEqual({ running: [], upcoming: [], past: [], empty: true });
  });
});
