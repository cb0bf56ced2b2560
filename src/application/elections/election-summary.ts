import { type Election, electionStatus } from '../../domain/election/election.js';
import type { ElectionStatus } from '../../domain/election/schedule.js';

/** What a list row shows. */
export interface ElectionSummary {
  readonly key: string;
  readonly name: string;
  readonly organization: string;
  readonly status: ElectionStatus;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly exceptionDueAt: Date;
  readonly noWinners: number;
  readonly candidateCount: number;
  /** results.md exists in the meta repository. */
  readonly resultsPublished: boolean;
}

export function summarise(election: Election, now: Date): ElectionSummary {
  return {
    key: election.key,
    name: election.name,
    organization: election.organization,
    status: electionStatus(election, now),
    startsAt: election.startsAt,
    endsAt: election.endsAt,
    exceptionDueAt: election.exceptionDueAt,
    noWinners: election.noWinners,
    candidateCount: election.candidates.length,
    resultsPublished: election.resultsHtml !== null,
  };
}

const STATUS_ORDER: Record<ElectionStatus, number> = { running: 0, upcoming: 1, completed: 2 };

/**
 * Running first (closing soonest first), then upcoming (opening soonest first), then past (most
 * recent first): what a voter needs now comes first (Elekto #68). Ties fall back to name, then key.
 */
export function byRelevance(a: ElectionSummary, b: ElectionSummary): number {
  const s = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (s !== 0) return s;
  const t =
    a.status === 'running'
      ? a.endsAt.getTime() - b.endsAt.getTime()
      : a.status === 'upcoming'
        ? a.startsAt.getTime() - b.startsAt.getTime()
        : b.endsAt.getTime() - a.endsAt.getTime();
  return t || a.name.localeCompare(b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
