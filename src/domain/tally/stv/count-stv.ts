import { DomainError } from '../../errors.js';
import { cpoStv } from './cpo-stv.js';
import { meekStv } from './meek-stv.js';
import { scottishStv } from './scottish-stv.js';
import type { StvInput, StvMethod, StvResult } from './stv-types.js';

/** The proportional methods; unlike the Condorcet methods they count full ballots, not the pairwise matrix. */
export const STV_METHODS: readonly StvMethod[] = ['stv-meek', 'stv-scottish', 'cpo-stv'];

/** True for a method that needs the full ballots (an STV method) rather than the pairwise matrix. */
export function needsFullBallots(method: string): method is StvMethod {
  return (STV_METHODS as readonly string[]).includes(method);
}

/** Counts the ballots with one proportional method. Pure. */
export function countStv(method: StvMethod, input: StvInput): StvResult {
  switch (method) {
    case 'stv-meek':
      return meekStv(input);
    case 'stv-scottish':
      return scottishStv(input);
    case 'cpo-stv':
      return cpoStv(input);
    default:
      throw new DomainError('INVALID_TALLY_INPUT', `The STV method "${String(method)}" is not available here (use ${STV_METHODS.join(', ')}).`);
  }
}
