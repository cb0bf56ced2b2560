import { DomainError } from '../../../domain/errors.js';
import type { Sql, SqlDatabase } from './sql-database.js';

/** The row id of an election key, or null when sync has not recorded that election. */
export async function findElectionId(db: SqlDatabase, sql: Sql, key: string): Promise<number | null> {
  const rows = await sql.rows<{ id: number }>(`SELECT id FROM election WHERE ${db.q('key')} = ?`, [key]);
  return rows[0] ? Number(rows[0].id) : null;
}

export async function requireElectionId(db: SqlDatabase, sql: Sql, key: string): Promise<number> {
  const id = await findElectionId(db, sql, key);
  if (id === null) {
    throw new DomainError('ELECTION_NOT_FOUND', `The election "${key}" is not in the database yet; sync the meta repository first.`, {
      electionKey: key,
    });
  }
  return id;
}
