import { SettleClosedElections } from '../../../src/application/results/settle-closed-elections.js';
import { anElection } from '../../support/builders/election-builder.js';
import { NOW, inMemoryWorld } from '../../support/builders/in-memory-world.js';
import { castMany, r } from './results-support.js';

const DAY = 24 * 3600 * 1000;
const closesTomorrow = anElection()
  .key('closing')
  .runningBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + DAY))
  .candidates('a', 'b')
  .build();
const runsLonger = anElection()
  .key('later')
  .runningBetween(new Date(NOW.getTime() - DAY), new Date(NOW.getTime() + 5 * DAY))
  .candidates('a', 'b')
  .build();

describe('SettleClosedElections', () => {
  it('moves the pending ballots of an election once it has closed, once, and leaves running ones alone', async () => {
    const w = inMemoryWorld([closesTomorrow, runsLonger]);
    await castMany(w, 'closing', [r(['a', 1], ['b', 2]), r(['b', 1], ['a', 2]), r(['a', 1])]);
    await castMany(w, 'later', [r(['a', 1], ['b', 2])]);
    const settle = new SettleClosedElections(w.catalog, w.ballotBox, w.clock);

    // Fewer ballots than a batch: all still wait in the pool while voting runs.
    expect(await settle.execute()).toEqual({ elections: 0, moved: 0 });
    expect(w.ballotBox.pendingCount('closing')).toBe(3);

    w.clock.set(new Date(NOW.getTime() + 2 * DAY));
    expect(await settle.execute()).toEqual({ elections: 1, moved: 3 });
    expect(w.ballotBox.pendingCount('closing')).toBe(0);
    expect(w.ballotBox.pendingCount('later')).toBe(1);
    expect(await w.ballotBox.countBallots('closing')).toBe(3);
    expect(await settle.execute()).toEqual({ elections: 0, moved: 0 });
  });
});
