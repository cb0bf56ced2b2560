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
  /** One row per ballot, a cell per candidate column: its dense rank, or null for "No opinion". */
  readonly ballots: ReadonlyArray<ReadonlyArray<number | null>>;
}

/**
 * The officers' export of every ballot (written as Elekto's CSV, or as JSON, by
 * adapters/shared/export/ballots-export-format.ts). Three deliberate differences from Elekto: candidates in the election's stable
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
    const rows: Array<{ ranks: Array<number | null>; key: string }> = [];
    for await (const ballot of this.ballotBox.ballots(electionKey)) {
      const ranks = Array.from({ length: columns.length }, (): number | null => null);
      for (const { candidate, rank } of ballot.entries) {
        let i = index.get(candidate);
        if (i === undefined) {
          i = columns.push(candidate) - 1;
          index.set(candidate, i);
        }
        while (ranks.length <= i) ranks.push(null);
        if (ranks[i] == null) ranks[i] = rank === NO_OPINION_RANK ? null : rank;
      }
      rows.push({ ranks: dense(ranks), key: '' });
    }
    // Rows are padded and ordered once every column is known (an unknown candidate may appear late).
    const width = columns.length;
    for (const row of rows) {
      while (row.ranks.length < width) row.ranks.push(null);
      row.key = orderKey(row.ranks);
    }
    rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { electionKey, candidates: columns, ballotCount: rows.length, ballots: rows.map((r) => r.ranks) };
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

/**
 * Rows are ordered by content, never by storage. The key sorts like the CSV lines Elekto's layout
 * gives ("No opinion" as text), so the file is the same whichever form the officers download.
 */
function orderKey(ranks: ReadonlyArray<number | null>): string {
  return ranks.map((r) => (r == null ? 'No opinion' : String(r))).join(',');
}
