import type { MetaProblem } from '../ports/election-catalog.js';
import type { BallotsLeftBehind } from './renamed-elections.js';

/** Where a sync stopped. Whatever the stage, the catalog that was serving keeps serving. */
export type SyncStage = 'fetch' | 'read' | 'database';

export interface SyncFailure {
  readonly stage: SyncStage;
  readonly message: string;
  /** The source's failure kind when it gave one (`unreachable`, `auth`, `missing-branch`, `timeout`, ...). */
  readonly kind?: string;
}

/** An election found in the meta repository that did not parse at this revision. */
export interface BrokenElection {
  readonly key: string;
  /** True when its last good version stays in the catalog; false when it never parsed here. */
  readonly keptLastGood: boolean;
  /** The revision the kept version was read at (null when none was kept). */
  readonly keptRevision: string | null;
}

export type DatabaseStep =
  | {
      readonly status: 'synced';
      readonly added: readonly string[];
      readonly renamed: readonly string[];
      readonly archived: readonly string[];
      readonly restored: readonly string[];
      /** Archived here with ballots while an election of the same name was added: a renamed folder (a warning each in `problems`). */
      readonly ballotsLeftBehind: readonly BallotsLeftBehind[];
    }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly message: string };

export interface SyncTimings {
  readonly fetchMs: number;
  readonly readMs: number;
  readonly databaseMs: number;
  readonly totalMs: number;
}

export interface SyncReport {
  /** False when a stage failed (see `error`); the previous catalog is then still serving. */
  readonly ok: boolean;
  readonly source: string;
  readonly fetched: boolean;
  /** The revision the catalog serves after this sync. */
  readonly revision: string | null;
  readonly previousRevision: string | null;
  /** Same non-null revision as the last complete sync: nothing was re-read, nothing changed. */
  readonly unchanged: boolean;
  /** Elections in the catalog after this sync. */
  readonly elections: number;
  /** Catalog changes against the previous snapshot. */
  readonly added: readonly string[];
  readonly updated: readonly string[];
  /** Gone from the meta repository; their database rows are archived (ballots kept). */
  readonly removed: readonly string[];
  /** Database rows archived / restored by this sync (empty when the database step did not run). */
  readonly archived: readonly string[];
  readonly restored: readonly string[];
  readonly broken: readonly BrokenElection[];
  readonly problems: readonly MetaProblem[];
  readonly database: DatabaseStep;
  readonly error: SyncFailure | null;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly timings: SyncTimings;
}
