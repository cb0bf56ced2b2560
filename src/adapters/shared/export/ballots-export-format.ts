import type { BallotsExport } from '../../../application/results/export-ballots.js';

export const NO_OPINION_CELL = 'No opinion';

/**
 * Elekto's ballots.csv (spec §8.6), byte for byte in its layout: a header of candidate ids, one line
 * per ballot, "No opinion" when unranked, no quoting (ids and numbers need none), "\n" line ends.
 */
export function ballotsCsv(out: BallotsExport): string {
  const line = (ranks: ReadonlyArray<number | null>): string => ranks.map((r) => (r == null ? NO_OPINION_CELL : String(r))).join(',');
  return `${out.candidates.join(',')}\n${out.ballots.map((b) => `${line(b)}\n`).join('')}`;
}

/** { election, candidates, ballots: (rank | null)[][] } with the same rows as the CSV. */
export function ballotsJson(out: BallotsExport): string {
  return `${JSON.stringify({ election: out.electionKey, candidates: out.candidates, ballots: out.ballots })}\n`;
}
