import { DomainError } from '../../errors.js';
import { MAX_STV_BALLOTS } from './fixed-point.js';
import type { StvInput } from './stv-types.js';

/** The ballots of an STV count packed for speed: preferences back to back, one offset per ranking. */
export interface PackedBallots {
  readonly prefs: Int32Array;
  /** Ranking i is prefs[start[i]] … prefs[start[i + 1] − 1]. */
  readonly start: Int32Array;
  readonly weight: Float64Array;
  /** Number of ballots (sum of weights), empty ones included. */
  readonly total: number;
}

/** Checks an STV input and packs its ballots; every mistake gets a sentence an officer can act on. */
export function packStvInput(input: StvInput): PackedBallots {
  const { candidates, seats, ballots } = input;
  const n = candidates.length;
  if (n === 0) throw new DomainError('INVALID_TALLY_INPUT', 'An STV count needs at least one candidate.');
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c.length === 0) throw new DomainError('INVALID_TALLY_INPUT', 'A candidate id is empty.');
    if (seen.has(c)) throw new DomainError('INVALID_TALLY_INPUT', `Candidate "${c}" appears twice.`, { candidate: c });
    seen.add(c);
  }
  if (!Number.isInteger(seats) || seats < 1) {
    throw new DomainError('INVALID_TALLY_INPUT', `The number of seats must be a whole number from 1 up, not ${seats}.`);
  }
  if (typeof input.seed !== 'string') throw new DomainError('INVALID_TALLY_INPUT', 'An STV count needs a seed (a string) for its draws.');
  const cap = input.seatCap;
  if (cap && (!Number.isInteger(cap.limit) || cap.limit < 1 || cap.groupOf.length !== n)) {
    throw new DomainError('INVALID_TALLY_INPUT', `The seat cap needs a whole limit from 1 up and one group entry per candidate (${n}).`);
  }
  let length = 0;
  let total = 0;
  for (const b of ballots) {
    if (!Number.isInteger(b.weight) || b.weight < 1) {
      throw new DomainError('INVALID_TALLY_INPUT', `A ballot weight must be a whole number from 1 up, not ${b.weight}.`);
    }
    length += b.preferences.length;
    total += b.weight;
  }
  if (total > MAX_STV_BALLOTS) {
    throw new DomainError(
      'INVALID_TALLY_INPUT',
      `An STV count takes at most ${MAX_STV_BALLOTS} ballots (its fixed-point arithmetic is exact up to there); this one has ${total}.`,
    );
  }
  const prefs = new Int32Array(length);
  const start = new Int32Array(ballots.length + 1);
  const weight = new Float64Array(ballots.length);
  const mark = new Int32Array(n).fill(-1);
  let at = 0;
  ballots.forEach((b, i) => {
    start[i] = at;
    weight[i] = b.weight;
    for (const c of b.preferences) {
      if (!Number.isInteger(c) || c < 0 || c >= n) {
        throw new DomainError('INVALID_TALLY_INPUT', `Ballot ${i + 1} names candidate number ${c}; there are ${n} candidates.`);
      }
      if (mark[c] === i) {
        throw new DomainError('INVALID_TALLY_INPUT', `Ballot ${i + 1} ranks "${candidates[c]}" twice.`, { candidate: candidates[c] });
      }
      mark[c] = i;
      prefs[at++] = c;
    }
  });
  start[ballots.length] = at;
  return { prefs, start, weight, total };
}

/** The employer-cap bookkeeping shared by the STV methods. */
export class SeatCapLedger {
  private readonly held = new Map<string, string[]>();

  constructor(private readonly input: StvInput) {}

  /** Why `candidate` must be passed over, or null when electing them keeps within the cap. */
  refusal(candidate: number): string | null {
    const cap = this.input.seatCap;
    const group = cap?.groupOf[candidate];
    if (!cap || group === undefined) return null;
    const holders = this.held.get(group) ?? [];
    if (holders.length < cap.limit) return null;
    return `"${group}" already has ${holders.length} seat${holders.length === 1 ? '' : 's'} (${holders.join(', ')}); the cap is ${cap.limit}`;
  }

  seat(candidate: number): void {
    const group = this.input.seatCap?.groupOf[candidate];
    if (group !== undefined) this.held.set(group, [...(this.held.get(group) ?? []), this.input.candidates[candidate]!]);
  }
}
