import type { Bulletin } from '../../../domain/bulletin/bulletin.js';
import type { FrozenBulletin, FrozenBulletins } from '../../../application/ports/frozen-bulletins.js';

/** First writer wins: no await between the check and the write, so it is atomic on Node's one thread. */
export class InMemoryFrozenBulletins implements FrozenBulletins {
  private readonly stored = new Map<string, FrozenBulletin>();
  private readonly copies = new Map<string, string>();

  async freeze(record: FrozenBulletin, bulletin: Bulletin): Promise<FrozenBulletin> {
    const earlier = this.stored.get(record.electionKey);
    if (earlier) return earlier;
    const copy = { ...record, frozenAt: new Date(record.frozenAt) };
    this.stored.set(record.electionKey, copy);
    this.copies.set(record.electionKey, JSON.stringify(bulletin));
    return copy;
  }

  async frozenCopy(electionKey: string): Promise<unknown> {
    const text = this.copies.get(electionKey);
    return text === undefined ? null : (JSON.parse(text) as unknown);
  }

  async find(electionKey: string): Promise<FrozenBulletin | null> {
    return this.stored.get(electionKey) ?? null;
  }

  /** Tests only: what a database administrator rewriting the row would do. */
  overwrite(bulletin: FrozenBulletin): void {
    this.stored.set(bulletin.electionKey, bulletin);
  }
}
