import { requireCompleted, requireElection, requireOfficer } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { User } from '../ports/users.js';

export interface PurgeLinksResult {
  readonly electionKey: string;
  /** Links destroyed now (0 when they were already gone). */
  readonly purged: number;
  /** Ballots, untouched. */
  readonly ballots: number;
}

/**
 * Destroys every voter-to-ballot link of a completed election (`elekto purge-links <key>`), whatever
 * its delete_after says: after this nobody, the voter included, can tie a ballot to a person.
 * Not while it runs, since voters may still need to revoke.
 */
export class PurgeLinks {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
  ) {}

  async execute({ electionKey, requester }: { electionKey: string; requester: User | null }): Promise<PurgeLinksResult> {
    const election = requireElection(this.catalog, electionKey);
    requireOfficer(election, requester);
    requireCompleted(election, this.clock.now());
    const purged = await this.ballotBox.purgeLinks(electionKey);
    return { electionKey, purged, ballots: await this.ballotBox.countBallots(electionKey) };
  }
}
