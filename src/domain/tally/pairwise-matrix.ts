import { DomainError } from '../errors.js';
import type { PairwiseMatrix } from './types.js';

/** Rejects an empty, duplicated or blank candidate list: every later step indexes by id. */
export function checkCandidates(candidates: readonly string[]): void {
  if (candidates.length === 0) {
    throw new DomainError('INVALID_TALLY_INPUT', 'A tally needs at least one candidate.');
  }
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c.length === 0) throw new DomainError('INVALID_TALLY_INPUT', 'A candidate id is empty.');
    if (seen.has(c)) {
      throw new DomainError('INVALID_TALLY_INPUT', `Candidate "${c}" appears twice.`, { candidate: c });
    }
    seen.add(c);
  }
}

/**
 * A matrix from published pairwise counts (rows[x][y] = ballots ranking x above y), for worked
 * examples that give only d[*,*]. `ballots` defaults to the largest row+column sum seen.
 */
export function pairwiseMatrix(candidates: readonly string[], rows: ReadonlyArray<ReadonlyArray<number>>, ballots?: number): PairwiseMatrix {
  checkCandidates(candidates);
  const n = candidates.length;
  if (rows.length !== n || rows.some((r) => r.length !== n)) {
    throw new DomainError('INVALID_TALLY_INPUT', `The pairwise table must be ${n}×${n}.`);
  }
  const counts = new Float64Array(n * n);
  let most = 0;
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      const v = x === y ? 0 : (rows[x]?.[y] ?? 0);
      if (!(v >= 0) || !Number.isFinite(v)) {
        throw new DomainError('INVALID_TALLY_INPUT', `Pairwise count ${candidates[x]} over ${candidates[y]} is not a count.`);
      }
      counts[x * n + y] = v;
      if (x < y) most = Math.max(most, v + (rows[y]?.[x] ?? 0));
    }
  }
  return { candidates: [...candidates], ballots: ballots ?? most, counts };
}

/** d[x][y] as nested records keyed by candidate id, for JSON and the result. */
export function toRecordMatrix(candidates: readonly string[], values: Float64Array): Record<string, Record<string, number>> {
  const n = candidates.length;
  const out: Record<string, Record<string, number>> = {};
  for (let x = 0; x < n; x++) {
    const row: Record<string, number> = {};
    for (let y = 0; y < n; y++) if (x !== y) row[candidates[y]!] = values[x * n + y]!;
    out[candidates[x]!] = row;
  }
  return out;
}
