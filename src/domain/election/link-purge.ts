import type { Election } from './election.js';

/** How long after the close a `delete_after` election keeps its voters' ballot links, by default. */
export const DEFAULT_LINK_PURGE_DELAY_HOURS = 24;

/**
 * When the voter-to-ballot links of a `delete_after` election are destroyed automatically: a set
 * time after the close, never by reading results (Elekto purged on the first results view, so a
 * GET could do it). Null when the election keeps its links until an officer destroys them.
 */
export function linkPurgeDueAt(election: Election, delayHours: number): Date | null {
  if (!election.deleteAfter) return null;
  return new Date(election.endsAt.getTime() + delayHours * 3_600_000);
}
