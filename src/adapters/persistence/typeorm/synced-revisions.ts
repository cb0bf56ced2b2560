import { organizationSlots } from './row-slot.js';
import type { SqlDatabase } from './sql-database.js';

/**
 * The revision recorded for each organization, in one query (two with a default organization,
 * whose revision is in the original row): replicas following a thousand organizations asked once
 * per organization per poll. An organization never synced has no entry.
 */
export async function syncedRevisions(db: SqlDatabase, organizations: ReadonlyArray<{ key: string; default: boolean }>): Promise<Map<string, string | null>> {
  const byKey = new Map<string, string | null>();
  if (organizations.length === 0) return byKey;
  const wanted = new Set(organizations.filter((o) => !o.default).map((o) => o.key));
  const original = organizations.find((o) => o.default);
  await db.run(async ({ manager }) => {
    if (wanted.size > 0) {
      const { table } = organizationSlots('', false).syncState;
      const rows = await manager
        .createQueryBuilder()
        .select('s.organization', 'organization')
        .addSelect('s.revision', 'revision')
        .from(table, 's')
        .getRawMany<{ organization: string; revision: string | null }>();
      for (const r of rows) if (wanted.has(r.organization)) byKey.set(r.organization, r.revision);
    }
    if (original) {
      const slot = organizationSlots(original.key, true).syncState;
      const row = await manager
        .createQueryBuilder()
        .select('s.revision', 'revision')
        .from(slot.table, 's')
        .where(slot.where)
        .getRawOne<{ revision: string | null }>();
      if (row) byKey.set(original.key, row.revision);
    }
  });
  return byKey;
}
