import type { Clock } from '../ports/clock.js';
import type { CatalogSnapshot } from '../ports/election-catalog.js';
import type { NextCatalog } from './next-catalog.js';
import { LEFT_BEHIND_HINT, leftBehindMessage } from './renamed-elections.js';
import type { RestoredCatalog } from './restore-last-good.js';
import type { BrokenElection, DatabaseStep, SyncReport, SyncStage } from './sync-report.js';

/** Collects the timings and the fixed parts of one sync's report. */
export class SyncRun {
  private readonly startedAt: Date;
  private readonly marks: Record<string, number> = {};
  private lastMark: number;

  constructor(
    private readonly clock: Clock,
    private readonly source: string,
    private readonly fetched: boolean,
    private readonly previous: CatalogSnapshot,
    /** Set when `previous` is the catalog restored at start-up (no sync has succeeded since). */
    private readonly restored: RestoredCatalog | null = null,
  ) {
    this.startedAt = clock.now();
    this.lastMark = this.startedAt.getTime();
  }

  now(): Date {
    return this.clock.now();
  }

  mark(stage: 'fetch' | 'read' | 'database'): void {
    const t = this.clock.now().getTime();
    this.marks[stage] = t - this.lastMark;
    this.lastMark = t;
  }

  databaseSkipped(reason: string): DatabaseStep {
    return { status: 'skipped', reason };
  }

  failed(stage: SyncStage, e: unknown): SyncReport {
    const message = e instanceof Error ? e.message : String(e);
    const kind = typeof (e as { kind?: unknown })?.kind === 'string' ? (e as { kind: string }).kind : undefined;
    const base = this.base(this.previous.revision, this.previous.elections.size);
    return {
      ...base,
      ok: false,
      problems: this.previous.problems,
      database: stage === 'database' ? { status: 'failed', message } : { status: 'skipped', reason: `the ${stage} step failed` },
      error: { stage, message: `${message.replace(/([^.])$/, '$1.')} ${this.kept()}`, ...(kind ? { kind } : {}) },
    };
  }

  /** What keeps serving after a failure, in words for the operator. */
  private kept(): string {
    const { revision, elections, syncedAt } = this.previous;
    if (this.restored) {
      const at = revision === null ? '' : `revision ${revision}, `;
      return `The catalog restored from the database (${at}read at ${this.restored.syncedAt.toISOString()}) keeps serving.`;
    }
    if (syncedAt === null) return 'Nothing is served: no catalog has been read yet.';
    if (elections.size === 0 && revision === null) return 'Nothing was changed.';
    return revision === null ? 'The catalog read before keeps serving.' : `The catalog at revision ${revision} keeps serving.`;
  }

  unchanged(broken: readonly BrokenElection[], reason = 'revision unchanged since the last complete sync'): SyncReport {
    return {
      ...this.base(this.previous.revision, this.previous.elections.size),
      unchanged: true,
      broken,
      problems: this.previous.problems,
      database: { status: 'skipped', reason },
    };
  }

  succeeded(revision: string | null, next: NextCatalog, database: DatabaseStep): SyncReport {
    return {
      ...this.base(revision, next.elections.size),
      added: next.added,
      updated: next.updated,
      removed: next.removed,
      archived: database.status === 'synced' ? database.archived : [],
      restored: database.status === 'synced' ? database.restored : [],
      broken: next.broken,
      problems: database.status === 'synced' ? [...next.problems, ...leftBehindWarnings(database, next)] : next.problems,
      database,
    };
  }

  private base(revision: string | null, elections: number) {
    const finishedAt = this.clock.now();
    const ms = (k: string) => this.marks[k] ?? 0;
    return {
      ok: true,
      source: this.source,
      fetched: this.fetched,
      revision,
      previousRevision: this.previous.revision,
      unchanged: false,
      elections,
      added: [] as string[],
      updated: [] as string[],
      removed: [] as string[],
      archived: [] as string[],
      restored: [] as string[],
      broken: [] as BrokenElection[],
      problems: this.previous.problems,
      database: { status: 'skipped', reason: '' } as DatabaseStep,
      error: null,
      startedAt: this.startedAt,
      finishedAt,
      timings: { fetchMs: ms('fetch'), readMs: ms('read'), databaseMs: ms('database'), totalMs: finishedAt.getTime() - this.startedAt.getTime() },
    };
  }
}

function leftBehindWarnings(database: Extract<DatabaseStep, { status: 'synced' }>, next: NextCatalog) {
  return database.ballotsLeftBehind.map((left) => ({
    severity: 'warning' as const,
    file: next.elections.get(left.to.key)?.path ?? left.to.key,
    electionKey: left.to.key,
    message: leftBehindMessage(left),
    hint: LEFT_BEHIND_HINT,
  }));
}
