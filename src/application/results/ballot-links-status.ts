import { type Election, electionStatus } from '../../domain/election/election.js';
import { linkPurgeDueAt } from '../../domain/election/link-purge.js';
import type { ElectionStatus } from '../../domain/election/schedule.js';
import { requireElection, requireOfficer } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { User } from '../ports/users.js';
import type { BallotLinks } from './compute-results.js';

/** What destroying the ballot links would take away, for the page that asks an officer to confirm it. */
export class BallotLinksStatus {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
    private readonly options: { readonly linkPurgeDelayHours: number },
  ) {}

  async execute({
    electionKey,
    requester,
  }: {
    electionKey: string;
    requester: User | null;
  }): Promise<BallotLinks & { election: Election; status: ElectionStatus }> {
    const election = requireElection(this.catalog, electionKey);
    requireOfficer(election, requester);
    return {
      election,
      status: electionStatus(election, this.clock.now()),
      remaining: await this.ballotBox.countLinks(electionKey),
      purgeDueAt: linkPurgeDueAt(election, this.options.linkPurgeDelayHours),
    };
  }
}
