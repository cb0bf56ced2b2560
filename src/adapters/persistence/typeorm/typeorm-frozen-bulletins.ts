import type { Bulletin } from '../../../domain/bulletin/bulletin.js';
import type { FrozenBulletin, FrozenBulletins } from '../../../application/ports/frozen-bulletins.js';
import { findElectionId, requireElectionId } from './election-id.js';
import { isUniqueViolation } from './database-errors.js';
import type { SqlDatabase } from './sql-database.js';
import { fromSqlBytes, fromSqlDate } from './sql-values.js';

interface FreezeRow {
  digest: string;
  ballot_count: unknown;
  frozen_at: unknown;
}

/** `bulletin_freeze`, whose primary key (the election) makes the first freeze the only one. */
export class TypeOrmFrozenBulletins implements FrozenBulletins {
  constructor(private readonly db: SqlDatabase) {}

  async freeze(record: FrozenBulletin, bulletin: Bulletin): Promise<FrozenBulletin> {
    const electionId = await this.db.run(({ manager }) => requireElectionId(manager, record.electionKey));
    try {
      await this.db.run(({ manager }) =>
        manager.getRepository('bulletin_freeze').insert({
          election_id: electionId,
          digest: record.digest,
          ballot_count: record.ballotCount,
          frozen_at: record.frozenAt,
          bulletin: Buffer.from(JSON.stringify(bulletin), 'utf8'),
        }),
      );
    } catch (e) {
      // Another replica froze it first: its digest stands.
      if (!isUniqueViolation(e)) throw e;
    }
    const stored = await this.find(record.electionKey);
    if (!stored) throw new Error(`The frozen bulletin of ${record.electionKey} vanished right after it was stored.`);
    return stored;
  }

  async find(electionKey: string): Promise<FrozenBulletin | null> {
    return this.db.run(async ({ manager }) => {
      const electionId = await findElectionId(manager, electionKey);
      if (electionId === null) return null;
      const row = await manager
        .createQueryBuilder()
        .select('f.digest', 'digest')
        .addSelect('f.ballot_count', 'ballot_count')
        .addSelect('f.frozen_at', 'frozen_at')
        .from('bulletin_freeze', 'f')
        .where('f.election_id = :electionId', { electionId })
        .getRawOne<FreezeRow>();
      if (!row) return null;
      return { electionKey, digest: String(row.digest).trim(), ballotCount: Number(row.ballot_count), frozenAt: fromSqlDate(row.frozen_at)! };
    });
  }

  async frozenCopy(electionKey: string): Promise<unknown> {
    return this.db.run(async ({ manager }) => {
      const electionId = await findElectionId(manager, electionKey);
      if (electionId === null) return null;
      const row = await manager
        .createQueryBuilder()
        .select('f.bulletin', 'bulletin')
        .from('bulletin_freeze', 'f')
        .where('f.election_id = :electionId', { electionId })
        .getRawOne<{ bulletin: unknown }>();
      const bytes = row ? fromSqlBytes(row.bulletin) : null;
      return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown) : null;
    });
  }
}
