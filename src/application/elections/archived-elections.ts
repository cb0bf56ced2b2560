import type { BallotBox } from '../ports/ballot-box.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { ElectionRecords } from '../ports/election-records.js';
import type { User } from '../ports/users.js';
import { likelyRenames } from '../meta/renamed-elections.js';
import { requireElection, requireOfficer } from './election-access.js';

export interface ArchivedWithBallots {
  readonly key: string;
  readonly name: string;
  readonly ballots: number;
  /** Same name or folder name as the election whose dashboard asks: most likely its folder before a rename. */
  readonly sameName: boolean;
}

/**
 * Elections archived (gone from the meta repository) that still hold ballots, for the officers'
 * dashboard: a renamed folder makes a new election with an empty roll of who has voted, and this is
 * where officers see what it left behind. Officers of the asking election only, like its turnout.
 */
export class ListArchivedWithBallots {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly records: Pick<ElectionRecords, 'list'>,
    private readonly ballots: Pick<BallotBox, 'countBallots'>,
  ) {}

  async execute({ electionKey, requester }: { electionKey: string; requester: User | null }): Promise<ArchivedWithBallots[]> {
    const election = requireElection(this.catalog, electionKey);
    requireOfficer(election, requester);
    const found: ArchivedWithBallots[] = [];
    for (const row of (await this.records.list()).filter((r) => r.archived)) {
      const ballots = await this.ballots.countBallots(row.key);
      if (ballots === 0) continue;
      found.push({ key: row.key, name: row.name, ballots, sameName: likelyRenames([row], [election]).length > 0 });
    }
    return found.sort((a, b) => Number(b.sameName) - Number(a.sameName) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
