export type ElectionStatus = 'upcoming' | 'running' | 'completed';

export const ELECTION_STATUSES: readonly ElectionStatus[] = ['upcoming', 'running', 'completed'];

export interface Schedule {
  readonly startsAt: Date;
  readonly endsAt: Date;
  /** Last moment exception requests are accepted; Elekto defaults it to the start. */
  readonly exceptionDueAt: Date;
}

/** Both bounds belong to the voting window, as in Elekto. */
export function statusAt(schedule: Schedule, now: Date): ElectionStatus {
  const t = now.getTime();
  if (t < schedule.startsAt.getTime()) return 'upcoming';
  if (t > schedule.endsAt.getTime()) return 'completed';
  return 'running';
}

export function exceptionWindowOpen(schedule: Schedule, now: Date): boolean {
  return now.getTime() <= schedule.exceptionDueAt.getTime();
}

export function isElectionStatus(value: unknown): value is ElectionStatus {
  return typeof value === 'string' && (ELECTION_STATUSES as readonly string[]).includes(value);
}
