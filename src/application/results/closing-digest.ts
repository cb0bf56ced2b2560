import { electionStatus } from '../../domain/election/election.js';
import { requireElection } from '../elections/election-access.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { FrozenBulletin, FrozenBulletins } from '../ports/frozen-bulletins.js';

/**
 * The bulletin digest fixed at an election's close, for its public page: null while it runs, and
 * until the server has frozen it (within a minute of the close). Public whether or not the ballots
 * are: the digest alone reveals nothing, and lets the officers' copy be checked by anyone later.
 */
export class ClosingDigest {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly frozenBulletins: FrozenBulletins,
    private readonly clock: Clock,
  ) {}

  async execute(electionKey: string): Promise<FrozenBulletin | null> {
    const election = requireElection(this.catalog, electionKey);
    if (electionStatus(election, this.clock.now()) !== 'completed') return null;
    return this.frozenBulletins.find(election.key);
  }
}
