import { NO_OPINION_RANK } from '../../ballot/ranking.js';
import type { StvBallot, StvInput } from './stv-types.js';

/** What the collector did with the ballots it was given, for the result's notes. */
export interface StvBallotTally {
  /** Ballots given, empty ones included. */
  readonly ballots: number;
  /** Ballots that ranked nobody: they express no preference and are left out of the count. */
  readonly empty: number;
  /** Ballots with tied ranks (cast before the election used STV, or a CSV): counted up to the tie. */
  readonly cutAtTie: number;
}

/**
 * Turns ranked ballots (one rank per candidate: 1 = first, 0 or NO_OPINION_RANK = unranked) into the
 * distinct rankings an STV count takes, one ballot at a time so a stream of ballots is never held as
 * one array of objects. Unranked candidates are not preferred. An STV ballot has no ties (the form
 * refuses them); a stored or imported ballot that has one is read up to the tie: the tied candidates
 * and everything below them are treated as unranked, because a vote cannot go to two candidates at once.
 */
export class StvBallotCollector {
  private readonly rankings = new Map<string, { preferences: number[]; weight: number }>();
  private readonly ranked: number[] = [];
  private ballots = 0;
  private empty = 0;
  private cutAtTie = 0;

  constructor(readonly candidates: readonly string[]) {}

  /** `ranks[i]` is candidate i's rank. The array may be reused by the caller. */
  addRanks(ranks: ArrayLike<number>): void {
    this.ballots++;
    const ranked = this.ranked;
    ranked.length = 0;
    for (let i = 0; i < this.candidates.length; i++) {
      const r = ranks[i]!;
      if (r > 0 && r !== NO_OPINION_RANK) ranked.push(i);
    }
    ranked.sort((a, b) => ranks[a]! - ranks[b]! || a - b);
    let length = ranked.length;
    for (let k = 1; k < ranked.length; k++) {
      if (ranks[ranked[k]!] === ranks[ranked[k - 1]!]) {
        length = k - 1;
        this.cutAtTie++;
        break;
      }
    }
    if (length === 0) {
      this.empty++;
      return;
    }
    // One UTF-16 unit per candidate index: a cheap exact key (elections have far fewer than 65,536 candidates).
    const key = String.fromCharCode(...ranked.slice(0, length));
    const seen = this.rankings.get(key);
    if (seen) seen.weight++;
    else this.rankings.set(key, { preferences: ranked.slice(0, length), weight: 1 });
  }

  get tally(): StvBallotTally {
    return { ballots: this.ballots, empty: this.empty, cutAtTie: this.cutAtTie };
  }

  /** The count's input: the distinct rankings in the order first met. */
  input(seats: number, seed: string, seatCap?: StvInput['seatCap']): StvInput {
    const ballots: StvBallot[] = [...this.rankings.values()];
    return { candidates: this.candidates, seats, ballots, seed, ...(seatCap ? { seatCap } : {}) };
  }
}
