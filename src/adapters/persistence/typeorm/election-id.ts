import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../domain/errors.js';

/** The row id of an election key, or null when sync has not recorded that election. */
export async function findElectionId(manager: EntityManager, key: string): Promise<number | null> {
  const row = await manager.createQueryBuilder().select('e.id', 'id').from('election', 'e').where('e.key = :key', { key }).getRawOne<{ id: unknown }>();
  return row ? Number(row.id) : null;
}

export async function requireElectionId(manager: EntityManager, key: string): Promise<number> {
  const id = await findElectionId(manager, key);
  if (id === null) {
    throw new DomainError('ELECTION_NOT_FOUND', `The election "${key}" is not in the database yet; sync the meta repository first.`, {
      electionKey: key,
    });
  }
  return id;
}
