/** The result around the ranking: seats, ties at the cut, seat cap, Condorcet flags, explanations. */
import { describe, expect, it } from '@jest/globals';
import { allocateSeats, tally, type DomainError, type SeatCapRule } from '../../../src/domain/index.js';
import { matrixOf } from './ballots.js';
import { TENNESSEE, TENNESSEE_CITIES } from './examples.js';

const tn = matrixOf(TENNESSEE_CITIES, TENNESSEE);

describe('tally result', () => {
  it('names the Condorcet winner and loser and explains each candidate in one line', () => {
    const r = tally(tn, { method: 'schulze', strength: 'winning', seats: 2 });
    expect(r.condorcetWinner).toBe('Nashville');
    expect(r.condorcetLoser).toBe('Memphis');
    expect(r.winners).toEqual(['Nashville', 'Chattanooga']);
    expect(r.tieAtCutoff).toBe(false);
    expect(r.pairwise.Nashville?.Memphis).toBe(58);
    expect(r.pairwise.Memphis?.Nashville).toBe(42);
    const n = r.explanations.Nashville!;
    expect(n.condorcetWinner).toBe(true);
    expect(n.beats.map((o) => o.opponent)).toEqual(['Chattanooga', 'Knoxville', 'Memphis']);
    expect(n.summary).toBe('Beats Chattanooga 68–32, Knoxville 68–32, Memphis 58–42. Condorcet winner.');
    expect(r.explanations.Memphis!.summary).toBe('Loses to Nashville 42–58, Chattanooga 42–58, Knoxville 42–58. Condorcet loser.');
  });

  it('reports ties in explanations', () => {
    const m = matrixOf(
      ['A', 'B', 'C'],
      [
        ['A>B>C', 1],
        ['B>A>C', 1],
      ],
    );
    const r = tally(m, { method: 'schulze', strength: 'winning', seats: 1 });
    expect(r.explanations.A!.summary).toBe('Beats C 2–0; ties with B 1–1.');
    expect(r.ranking).toEqual([['A', 'B'], ['C']]);
    expect(r.tieAtCutoff).toBe(true);
    expect(r.tiedAtCutoff).toEqual(['A', 'B']);
    expect(r.winners).toEqual([]);
  });

  it('with more seats than candidates, everyone wins and nothing is tied', () => {
    const r = tally(tn, { method: 'copeland', strength: 'winning', seats: 9 });
    expect(r.winners).toHaveLength(4);
    expect(r.tieAtCutoff).toBe(false);
  });

  it('a ballot box with no ballots ties every candidate', () => {
    const m = matrixOf(['A', 'B', 'C'], []);
    for (const method of ['schulze', 'ranked-pairs', 'minimax', 'copeland'] as const) {
      const r = tally(m, { method, strength: 'winning', seats: 1 });
      expect(r.ranking).toEqual([['A', 'B', 'C']]);
      expect(r.ballots).toBe(0);
    }
  });

  it('rejects bad options with INVALID_TALLY_INPUT', () => {
    const bad = [
      { method: 'borda', strength: 'winning', seats: 1 },
      { method: 'schulze', strength: 'losing', seats: 1 },
      { method: 'schulze', strength: 'winning', seats: 0 },
      { method: 'schulze', strength: 'winning', seats: 1.5 },
      { method: 'schulze', strength: 'winning', seats: 1, seatCap: { field: 'employer', limit: 0, valueOf: {} } },
    ];
    for (const options of bad) {
      try {
        tally(tn, options as never);
        throw new Error('accepted');
      } catch (e) {
        expect((e as DomainError).code).toBe('INVALID_TALLY_INPUT');
      }
    }
  });
});

describe('seat cap', () => {
  const cap = (valueOf: Record<string, string>, limit = 1): SeatCapRule => ({ field: 'employer', limit, valueOf });

  it('passes over a candidate whose employer is full and seats the next one down', () => {
    const tiers = [['A'], ['B'], ['C'], ['D']];
    const r = allocateSeats(tiers, 2, cap({ A: 'Acme', B: 'Acme', C: 'Initech' }));
    expect(r.winners).toEqual(['A', 'C']);
    expect(r.passedOver).toEqual([{ candidate: 'B', reason: 'employer "Acme" already has 1 winner (A); the cap is 1.' }]);
    expect(r.tieAtCutoff).toBe(false);
  });

  it('two per employer, as the Kubernetes steering charter', () => {
    const r = allocateSeats([['A'], ['B'], ['C'], ['D'], ['E']], 3, cap({ A: 'G', B: 'G', C: 'G', D: 'M' }, 2));
    expect(r.winners).toEqual(['A', 'B', 'D']);
    expect(r.passedOver.map((p) => p.candidate)).toEqual(['C']);
  });

  it('a candidate without a value is never capped', () => {
    expect(allocateSeats([['A'], ['B']], 2, cap({ A: 'Acme' })).winners).toEqual(['A', 'B']);
  });

  it('a tie that only the cap can split is a tie at the cut, not a silent choice', () => {
    const r = allocateSeats([['A', 'B'], ['C']], 3, cap({ A: 'Acme', B: 'Acme' }));
    expect(r.winners).toEqual([]);
    expect(r.tieAtCutoff).toBe(true);
    expect(r.tiedAtCutoff).toEqual(['A', 'B']);
  });

  it('flows through tally()', () => {
    const r = tally(tn, { method: 'schulze', strength: 'winning', seats: 2, seatCap: cap({ Nashville: 'TN', Chattanooga: 'TN' }) });
    expect(r.winners).toEqual(['Nashville', 'Knoxville']);
    expect(r.passedOver[0]?.candidate).toBe('Chattanooga');
  });
});
