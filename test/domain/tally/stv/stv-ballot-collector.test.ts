import { NO_OPINION_RANK } from '../../../../src/domain/ballot/ranking.js';
import { StvBallotCollector } from '../../../../src/domain/tally/index.js';

describe('StvBallotCollector', () => {
  it('turns ranks into distinct rankings with weights; unranked (0 or No opinion) is not preferred; gaps in the numbers do not matter', () => {
    const c = new StvBallotCollector(['a', 'b', 'c']);
    c.addRanks([2, 1, 0]);
    c.addRanks(new Float64Array([5, 3, NO_OPINION_RANK]));
    c.addRanks([1, 2, 3]);
    expect(c.input(2, 'seed').ballots).toEqual([
      { preferences: [1, 0], weight: 2 },
      { preferences: [0, 1, 2], weight: 1 },
    ]);
    expect(c.tally).toEqual({ ballots: 3, empty: 0, cutAtTie: 0 });
  });

  it('reads a tied ballot up to the tie, and leaves out ballots that rank nobody', () => {
    const c = new StvBallotCollector(['a', 'b', 'c', 'd']);
    c.addRanks([1, 2, 2, 3]); // a, then b = c: counts for a only
    c.addRanks([1, 1, 0, 0]); // a = b first: ranks nobody before the tie
    c.addRanks([0, 0, 0, 0]);
    expect(c.input(1, 's').ballots).toEqual([{ preferences: [0], weight: 1 }]);
    expect(c.tally).toEqual({ ballots: 3, empty: 2, cutAtTie: 2 });
  });

  it('passes the seats, the seed and the seat cap through to the count', () => {
    const c = new StvBallotCollector(['a', 'b']);
    const cap = { limit: 1, groupOf: ['acme', 'acme'] };
    expect(c.input(1, 'key@close', cap)).toEqual({ candidates: ['a', 'b'], seats: 1, ballots: [], seed: 'key@close', seatCap: cap });
  });
});
