import type { Bulletin } from '../../domain/bulletin/bulletin.js';
import { compareBulletins } from '../../domain/bulletin/compare-bulletins.js';
import { readBulletin } from '../../domain/bulletin/read-bulletin.js';
import { requireCompleted, requireElection, requireOfficer } from '../elections/election-access.js';
import type { BulletinHasher } from '../ports/bulletin-hasher.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { FrozenBulletin, FrozenBulletins } from '../ports/frozen-bulletins.js';
import type { User } from '../ports/users.js';
import type { FreezeBulletin } from './freeze-bulletin.js';

export interface BulletinCheck {
  /** The bulletin the stored ballots give now (close method). */
  readonly bulletin: Bulletin;
  readonly frozen: FrozenBulletin;
  /** True when the ballots still give the digest fixed at the close. */
  readonly intact: boolean;
  /** Empty when intact; otherwise one sentence per difference, for the officers. */
  readonly problems: readonly string[];
}

/**
 * Recomputes a closed election's bulletin and compares it with the one frozen at the close (freezing
 * it now if nothing did yet). Any difference means a ballot was changed, added or deleted after the
 * close, or the election's definition changed in the meta repository: the officers must hear it.
 */
export class CheckBulletin {
  constructor(
    private readonly catalog: ElectionCatalog,
    private readonly freeze: FreezeBulletin,
    private readonly frozenBulletins: FrozenBulletins,
    private readonly clock: Clock,
    private readonly hasher: BulletinHasher,
  ) {}

  async execute({ electionKey, requester }: { electionKey: string; requester: User | null }): Promise<BulletinCheck> {
    const election = requireElection(this.catalog, electionKey);
    requireOfficer(election, requester);
    requireCompleted(election, this.clock.now());
    const { frozen, current } = await this.freeze.frozenOrNow(election);
    if (frozen.digest === current.digest) return { bulletin: current, frozen, intact: true, problems: [] };
    return { bulletin: current, frozen, intact: false, problems: await this.differences(current, frozen) };
  }

  private async differences(current: Bulletin, frozen: FrozenBulletin): Promise<string[]> {
    const at = frozen.frozenAt.toISOString();
    const out = [
      `The stored ballots no longer give the bulletin fixed at the close (${at}): its digest was ${frozen.digest}, they now give ${current.digest}.`,
    ];
    if (frozen.ballotCount !== current.ballotCount) {
      const gap = Math.abs(current.ballotCount - frozen.ballotCount);
      out.push(
        `${plural(frozen.ballotCount)} at the close, ${current.ballotCount} now: ${gap} ${current.ballotCount > frozen.ballotCount ? 'added' : 'deleted'} since.`,
      );
    }
    // The copy kept at the freeze names what changed; the published digest is what proves which is right.
    const reading = readBulletin(await this.frozenBulletins.frozenCopy(frozen.electionKey));
    if (reading.bulletin && reading.bulletin.digest === frozen.digest && this.hasher.digest(withoutDigest(reading.bulletin)) === frozen.digest) {
      out.push(...compareBulletins(current, reading.bulletin, (b) => this.hasher.ballotHash(b)).map((d) => `Since the close: ${d}`));
    } else {
      out.push('The copy of the bulletin kept at the close is missing or altered too; compare with the bulletin.json the officers downloaded then.');
    }
    return out;
  }
}

const plural = (n: number): string => `${n} ballot${n === 1 ? '' : 's'}`;

function withoutDigest(b: Bulletin): Omit<Bulletin, 'digest'> {
  const { digest: _digest, ...body } = b;
  return body;
}
