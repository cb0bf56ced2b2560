/** Minimax and Copeland against published examples (Wikipedia and LeGrand). */
import { describe, expect, it } from '@jest/globals';
import { tally, type PairStrength, type TallyMethod } from '../../../src/domain/tally/index.js';
import { matrixOf, type Profile } from './ballots.js';
import { LEGRAND, LEGRAND_NAMES, TENNESSEE, TENNESSEE_CITIES } from './examples.js';

const run = (method: TallyMethod, c: readonly string[], p: Profile, strength: PairStrength = 'winning', unranked: 'no-opinion' | 'last' = 'no-opinion') =>
  tally(matrixOf(c, p, unranked), { method, strength, seats: 1 });

describe('Minimax', () => {
  it('Wikipedia "Minimax Condorcet", Tennessee: scores are the worst defeats; Nashville > Memphis > Chattanooga > Knoxville', () => {
    const w = run('minimax', TENNESSEE_CITIES, TENNESSEE, 'winning');
    expect(w.scores).toEqual({ Memphis: 58, Nashville: 0, Chattanooga: 68, Knoxville: 83 });
    expect(w.ranking).toEqual([['Nashville'], ['Memphis'], ['Chattanooga'], ['Knoxville']]);
    const m = run('minimax', TENNESSEE_CITIES, TENNESSEE, 'margin');
    expect(m.scores).toEqual({ Memphis: 16, Nashville: -16, Chattanooga: 36, Knoxville: 66 });
    expect(m.ranking).toEqual(w.ranking);
  });

  it('Wikipedia "Minimax Condorcet", 100 voters with ties: A wins by winning votes and by margins', () => {
    const p: Profile = [
      ['A=C>B', 4],
      ['A>C>B', 47],
      ['C>B>A', 43],
      ['B>A=C', 6],
    ];
    expect(run('minimax', ['A', 'B', 'C'], p, 'winning').scores).toEqual({ A: 0, B: 94, C: 47 });
    expect(run('minimax', ['A', 'B', 'C'], p, 'margin').scores).toEqual({ A: -2, B: 88, C: 4 });
    expect(run('minimax', ['A', 'B', 'C'], p, 'margin').ranking).toEqual([['A'], ['C'], ['B']]);
  });

  it('Wikipedia "Condorcet loser criterion" (truncated ballots, no opinion): winning votes elect A, margins B', () => {
    const p: Profile = [
      ['A>C>B>D', 30],
      ['D>B>A>C', 15],
      ['D>B>C>A', 14],
      ['B>C>A>D', 6],
      ['D>C>A=B', 4],
      ['C>A=B', 16],
      ['B>C', 14],
      ['C>A', 3],
    ];
    const w = run('minimax', ['A', 'B', 'C', 'D'], p, 'winning');
    expect(w.scores).toEqual({ A: 35, B: 50, C: 45, D: 36 });
    expect(w.winners).toEqual(['A']);
    const m = run('minimax', ['A', 'B', 'C', 'D'], p, 'margin');
    expect(m.scores).toEqual({ A: 5, B: 1, C: 2, D: 3 });
    expect(m.winners).toEqual(['B']);
  });

  it("LeGrand's example: Minimax elects Cora, whom Schulze and Ranked Pairs rank last", () => {
    expect(run('minimax', LEGRAND_NAMES, LEGRAND).winners).toEqual(['Cora']);
  });
});

describe('Copeland', () => {
  it('Wikipedia "Copeland\'s method", Tennessee: Nashville 3 wins, Chattanooga 2, Knoxville 1, Memphis 0', () => {
    const r = run('copeland', TENNESSEE_CITIES, TENNESSEE);
    expect(r.ranking).toEqual([['Nashville'], ['Chattanooga'], ['Knoxville'], ['Memphis']]);
    expect(r.scores).toEqual({ Memphis: 0, Nashville: 6, Chattanooga: 4, Knoxville: 2 });
  });

  it('Wikipedia "Copeland\'s method", 100 voters, no Condorcet winner: A first, then B, C and E tied', () => {
    const p: Profile = [
      ['A>E>C>D', 31],
      ['B>A>E', 30],
      ['C>D>B', 29],
      ['D>A>E', 10],
    ];
    const r = run('copeland', ['A', 'B', 'C', 'D', 'E'], p, 'winning', 'last');
    expect(r.condorcetWinner).toBeNull();
    expect(r.ranking).toEqual([['A'], ['B', 'C', 'E'], ['D']]);
  });

  it("LeGrand's example: Abby and Brad tie for first; a second seat is a documented tie at the cut", () => {
    const m = matrixOf(LEGRAND_NAMES, LEGRAND);
    const r = tally(m, { method: 'copeland', strength: 'winning', seats: 1 });
    expect(r.ranking).toEqual([['Abby', 'Brad'], ['Dave', 'Erin'], ['Cora']]);
    expect(r.winners).toEqual([]);
    expect(r.tieAtCutoff).toBe(true);
    expect(r.tiedAtCutoff).toEqual(['Abby', 'Brad']);
    const three = tally(m, { method: 'copeland', strength: 'winning', seats: 3 });
    expect(three.winners).toEqual(['Abby', 'Brad']);
    expect(three.tiedAtCutoff).toEqual(['Dave', 'Erin']);
  });
});
