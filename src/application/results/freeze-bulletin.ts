import type { Bulletin } from '../../domain/bulletin/bulletin.js';
import type { Election } from '../../domain/election/election.js';
import { requireCompleted, requireElection } from '../elections/election-access.js';
import type { BallotBox } from '../ports/ballot-box.js';
import type { BulletinHasher } from '../ports/bulletin-hasher.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { FrozenBulletin, FrozenBulletins } from '../ports/frozen-bulletins.js';
import { bulletinOf } from './build-bulletin.js';

export interface Freezing {
  readonly frozen: FrozenBulletin;
  /** The bulletin the ballots give now (the one frozen, when this call froze it). */
  readonly current: Bulletin;
}

/**
 * Fixes a closed election's bulletin once: the pending pool emptied first (reading the ballots does
 * it), the bulletin computed with the close method, its digest stored first-writer-wins. Called at
 * the close by the server, and on the first read of a bulletin if no server was running then.
 * Calling it again changes nothing: it answers with what was stored the first time.
 */
export class FreezeBulletin {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly ballotBox: BallotBox,
    private readonly frozenBulletins: FrozenBulletins,
    private readonly clock: Clock,
    private readonly hasher: BulletinHasher,
  ) {}

  async execute(electionKey: string): Promise<FrozenBulletin> {
    const election = requireElection(this.catalog, electionKey);
    requireCompleted(election, this.clock.now());
    // Already frozen (another replica, an earlier run): nothing to read, whatever the ballots say now.
    return (await this.frozenBulletins.find(election.key)) ?? (await this.frozenOrNow(election)).frozen;
  }

  /** The frozen record, freezing now when there is none, and the bulletin of the ballots as they are. */
  async frozenOrNow(election: Election): Promise<Freezing> {
    const earlier = await this.frozenBulletins.find(election.key);
    const current = await bulletinOf(election, this.ballotBox.ballots(election.key), this.hasher);
    if (earlier) return { frozen: earlier, current };
    const record = { electionKey: election.key, digest: current.digest, ballotCount: current.ballotCount, frozenAt: this.clock.now() };
    return { frozen: await this.frozenBulletins.freeze(record, current), current };
  }
}
