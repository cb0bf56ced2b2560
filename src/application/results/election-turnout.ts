import { electionStatus } from '../../domain/election/election.js';
import type { ElectionStatus } from '../../domain/election/schedule.js';
import { requireElection, requireOfficer } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { User } from '../ports/users.js';
import type { Turnout } from './compute-results.js';

/**
 * Ballots cast so far against the voter roll, for the officers' dashboard at any status (Elekto
 * showed the voter count there too). Two counts, no tally: cheap, and unlike ComputeResults it is
 * not a results computation, so it never triggers delete_after.
 */
export class ElectionTurnout {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
  ) {}

  async execute({ electionKey, requester }: { electionKey: string; requester: User | null }): Promise<Turnout & { status: ElectionStatus }> {
    const election = requireElection(this.catalog, electionKey);
    requireOfficer(election, requester);
    const ballots = await this.ballotBox.countBallots(electionKey);
    const eligible = election.voters?.size ?? 0;
    return { status: electionStatus(election, this.clock.now()), ballots, eligible, ratio: eligible > 0 ? ballots / eligible : null };
  }
}
