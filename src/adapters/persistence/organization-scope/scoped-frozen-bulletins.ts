import type { FrozenBulletin, FrozenBulletins } from '../../../application/ports/frozen-bulletins.js';
import type { Bulletin } from '../../../domain/bulletin/bulletin.js';
import type { ElectionKeyScope } from './election-key-scope.js';

/**
 * The bulletins frozen at the close, seen from one organization: the same election key in two
 * organizations is two elections, so two freezes (the first writer of one never fixes the other's).
 */
export class ScopedFrozenBulletins implements FrozenBulletins {
  constructor(
    private readonly inner: FrozenBulletins,
    private readonly scope: ElectionKeyScope,
  ) {}

  async freeze(record: FrozenBulletin, bulletin: Bulletin): Promise<FrozenBulletin> {
    const stored = await this.inner.freeze({ ...record, electionKey: this.scope.stored(record.electionKey) }, bulletin);
    return { ...stored, electionKey: record.electionKey };
  }

  async find(electionKey: string): Promise<FrozenBulletin | null> {
    const found = await this.inner.find(this.scope.stored(electionKey));
    return found && { ...found, electionKey };
  }

  frozenCopy(electionKey: string): Promise<unknown> {
    return this.inner.frozenCopy(this.scope.stored(electionKey));
  }
}
