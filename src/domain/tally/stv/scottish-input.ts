import { DomainError } from '../../errors.js';
import type { StvInput } from './stv-types.js';

/** Rejects an input the count cannot be run on, with a sentence that names what is wrong. */
export function checkStvInput(input: StvInput): void {
  const bad = (message: string): never => {
    throw new DomainError('INVALID_TALLY_INPUT', message);
  };
  const n = input.candidates.length;
  if (!Number.isInteger(input.seats) || input.seats < 1) bad(`Seats must be a whole number of at least 1, not ${input.seats}.`);
  if (new Set(input.candidates).size !== n) bad('Candidate names must be distinct.');
  input.ballots.forEach((ballot, i) => {
    if (!Number.isSafeInteger(ballot.weight) || ballot.weight < 1) {
      bad(`Ballot ${i + 1} has weight ${ballot.weight}; a weight is a whole number of at least 1.`);
    }
    const seen = new Set<number>();
    for (const c of ballot.preferences) {
      if (!Number.isInteger(c) || c < 0 || c >= n) bad(`Ballot ${i + 1} ranks candidate ${c}, which does not exist.`);
      if (seen.has(c)) bad(`Ballot ${i + 1} ranks ${input.candidates[c]} twice.`);
      seen.add(c);
    }
  });
  if (input.seatCap) {
    const { limit, groupOf } = input.seatCap;
    if (!Number.isInteger(limit) || limit < 1) bad(`The seat cap must be a whole number of at least 1, not ${limit}.`);
    if (groupOf.length > n) bad('The seat cap names groups for more candidates than there are.');
  }
}
