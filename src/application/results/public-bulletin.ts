import type { Bulletin } from '../../domain/bulletin/bulletin.js';
import { electionStatus } from '../../domain/election/election.js';
import { DomainError } from '../../domain/errors.js';
import { requireElection } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { BulletinHasher } from '../ports/bulletin-hasher.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import { bulletinOf } from './build-bulletin.js';

/**
 * The bulletin anyone may download: only for an election with `publish_ballots: true`, and only
 * once it has closed (before, even its existence is not said: BULLETIN_NOT_PUBLISHED, a 404). It is
 * the ballots as stored now; the digest fixed at the close (public page, results.md) is what shows
 * whether they are still the ballots of the close.
 */
export class PublicBulletin {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly clock: Clock,
    private readonly hasher: BulletinHasher,
  ) {}

  async execute(electionKey: string): Promise<Bulletin> {
    const election = requireElection(this.catalog, electionKey);
    if (!election.publishBallots || electionStatus(election, this.clock.now()) !== 'completed') {
      throw new DomainError('BULLETIN_NOT_PUBLISHED', `"${election.name}" does not publish its ballots, or has not closed yet.`, { electionKey });
    }
    return bulletinOf(election, this.ballotBox.ballots(election.key), this.hasher);
  }
}
