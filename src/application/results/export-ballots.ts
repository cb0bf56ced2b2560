import { denseRanks } from '../../domain/ballot/dense-ranks.js';
import { NO_OPINION_RANK } from '../../domain/ballot/ranking.js';
import { candidateIds } from '../../domain/election/election.js';
import { requireCompleted, requireElection, requireOfficer } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { User } from '../ports/users.js';

export interface BallotsExport {
  readonly electionKey: string;
  /** Column order of both forms: the election's candidates, then any unknown ids found on ballots. */
  readonly candidates: readonly string[];
  readonly ballotCount: number;
  /** Elekto's ballots.csv (§8.6): header of candidate ids, one line per ballot, "No opinion" when unranked. */
  readonly csv: string;
  /** { election, candidates, ballots: (rank | null)[][] } with the same rows as the CSV. */
  readonly json: string;
}

export const NO_OPINION_CELL = 'No opinion';

/**
 * The officers' export in Elekto's CSV format, byte for byte in its layout (no quoting, "\n"),
 * plus the same data as JSON. Three deliberate differences: candidates in the election's stable
 * order instead of a fresh shuffle; rows sorted by content instead of storage order, which on
 * some databases follows the order of voting and so could be matched with voting times; and ranks
 * dense per ballot (5, 5, 9 shows as 1, 1, 2), never the stored numbers.
 */
export class ExportBallots {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
  ) {}

  async execute({ electionKey, requester }: { electionKey: string; requester: User | null }): Promise<BallotsExport> {
    const election = requireElection(this.catalog, electionKey);
    requireOfficer(election, requester);
    requireCompleted(election, this.clock.now());

    const columns = candidateIds(election);
    const index = new Map(columns.map((c, i) => [c, i]));
    const rows: Array<{ ranks: Array<number | null>; line: string }> = [];
    for await (const ballot of this.ballotBox.ballots(electionKey)) {
      const ranks: Array<number | null> = new Array(columns.length).fill(null);
      for (const { candidate, rank } of ballot.entries) {
        let i = index.get(candidate);
        if (i === undefined) {
          i = columns.push(candidate) - 1;
          index.set(candidate, i);
        }
        while (ranks.length <= i) ranks.push(null);
        if (ranks[i] == null) ranks[i] = rank === NO_OPINION_RANK ? null : rank;
      }
      rows.push({ ranks: dense(ranks), line: '' });
    }
    // Lines are written once every column is known (an unknown candidate may appear late).
    const width = columns.length;
    for (const row of rows) {
      while (row.ranks.length < width) row.ranks.push(null);
      row.line = row.ranks.map(cell).join(',');
    }
    rows.sort((a, b) => (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
    return {
      electionKey,
      candidates: columns,
      ballotCount: rows.length,
      csv: `${columns.join(',')}\n${rows.map((r) => `${r.line}\n`).join('')}`,
      json: `${JSON.stringify({ election: electionKey, candidates: columns, ballots: rows.map((r) => r.ranks) })}\n`,
    };
  }
}

/**
 * The row's ranks renumbered 1..k, ties kept, over the cells shown: stored ranks, Elekto's above all,
 * can be any integers, and 271828, 314159, 577215 would be a signature a vote buyer could look for.
 * Cells the tally does not count (0, negative, text Elekto stored) show as "No opinion", their meaning there.
 */
function dense(ranks: ReadonlyArray<number | null>): Array<number | null> {
  return denseRanks(ranks.map((r) => r ?? NO_OPINION_RANK)).map((r) => (r === NO_OPINION_RANK ? null : r));
}

function cell(rank: number | null): string {
  return rank == null ? NO_OPINION_CELL : String(rank);
}
