import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { ElectionCatalog } from '../ports/election-catalog.js';
import type { ElectionRecords } from '../ports/election-records.js';
import type { MetaReader, MetaReading } from '../ports/meta-reader.js';
import type { MetaSource, MetaTree } from '../ports/meta-source.js';
import type { SyncLock } from '../ports/sync-lock.js';
import { InProcessSyncLock } from './in-process-sync-lock.js';
import { nextCatalog } from './next-catalog.js';
import { ballotsLeftBehind } from './renamed-elections.js';
import { SyncRun } from './sync-run.js';
import type { BrokenElection, SyncReport } from './sync-report.js';

export interface SyncMetaDeps {
  readonly source: MetaSource;
  readonly reader: MetaReader;
  readonly catalog: ElectionCatalog;
  /** Null when no database is configured: the catalog is synced and the report says the database step was skipped. */
  readonly records: ElectionRecords | null;
  /** What the report says when `records` is null; default "no database is configured". */
  readonly noDatabaseReason?: string;
  /** With `records`: counts the ballots of an election archived in the change that adds one of its name (a renamed folder). */
  readonly ballots?: Pick<BallotBox, 'countBallots'>;
  readonly clock: Clock;
  /** Default: one sync at a time in this process. Replicas inject a database advisory lock. */
  readonly lock?: SyncLock;
}

/**
 * Fetch → read → (database) → swap. Failures never throw: they come back as a report with
 * `ok: false` and `error`, and the catalog that was serving keeps serving. The database rows are
 * written before the swap, so a page never offers an election that has no row yet.
 * A non-null revision equal to the last complete sync's is not re-read (a plain directory's
 * revision is a hash of its election files, so an unchanged folder is not re-read either).
 */
export class SyncMeta {
  private readonly lock: SyncLock;
  private completedRevision: string | null = null;
  private lastBroken: readonly BrokenElection[] = [];
  /** The revision each catalog election was read at, so a kept version can say how old it is. */
  private readAt = new Map<string, string | null>();
  private last: SyncReport | null = null;

  constructor(private readonly deps: SyncMetaDeps) {
    this.lock = deps.lock ?? new InProcessSyncLock();
  }

  execute(request: { fetch: boolean }): Promise<SyncReport> {
    let ran = false;
    return this.lock
      .exclusive(async () => {
        ran = true;
        this.last = await this.sync(request.fetch);
        return this.last;
      })
      .catch((e: unknown) => {
        if (ran) throw e;
        // A database lock that cannot be taken (database down, another replica stuck) is a failed
        // sync like any other: reported, never thrown, and the serving catalog stays.
        const run = new SyncRun(this.deps.clock, this.deps.source.describe(), request.fetch, this.deps.catalog.current());
        this.last = run.failed('database', new Error(`The meta sync lock could not be taken: ${e instanceof Error ? e.message : String(e)}`));
        return this.last;
      });
  }

  /** The outcome of the last sync (health pages show it); null before the first. */
  lastReport(): SyncReport | null {
    return this.last;
  }

  private async sync(fetch: boolean): Promise<SyncReport> {
    const { source, reader, catalog, records } = this.deps;
    const previous = catalog.current();
    const run = new SyncRun(this.deps.clock, source.describe(), fetch, previous);
    let tree: MetaTree;
    try {
      tree = await (fetch ? source.fetch() : source.current());
    } catch (e) {
      return run.failed('fetch', e);
    }
    run.mark('fetch');
    if (tree.revision !== null && tree.revision === this.completedRevision && previous.revision === tree.revision) {
      return run.unchanged(this.lastBroken);
    }
    let reading: MetaReading;
    try {
      reading = await reader.read(tree);
    } catch (e) {
      return run.failed('read', e);
    }
    run.mark('read');
    const next = nextCatalog(previous, reading, this.readAt);
    const emptied = wouldEmpty(previous.elections.size, next.elections.size, reading);
    if (emptied) return run.failed('read', new Error(emptied));
    let database = run.databaseSkipped(this.deps.noDatabaseReason ?? 'no database is configured');
    if (records) {
      try {
        const rows = [...next.elections.values()].map((e) => ({ key: e.key, name: e.name }));
        const unkept = next.broken.filter((b) => !b.keptLastGood).map((b) => b.key);
        if (unkept.length > 0) {
          // A broken election still exists in the repository: its row stays as it is, not archived.
          const existing = new Map((await records.list()).map((r) => [r.key, r.name]));
          for (const key of unkept) if (existing.has(key)) rows.push({ key, name: existing.get(key) as string });
        }
        const outcome = await records.syncAll(rows);
        await records.recordSyncedRevision(tree.revision);
        const left = this.deps.ballots ? await ballotsLeftBehind(records, this.deps.ballots, outcome, next.elections) : [];
        database = { status: 'synced', ...outcome, ballotsLeftBehind: left };
      } catch (e) {
        return run.failed('database', e);
      }
    }
    run.mark('database');
    catalog.replace({ revision: tree.revision, syncedAt: run.now(), elections: next.elections, problems: next.problems });
    this.readAt = new Map([...next.elections.keys()].map((k) => [k, tree.revision]));
    for (const b of next.broken) if (b.keptLastGood) this.readAt.set(b.key, b.keptRevision);
    this.completedRevision = tree.revision;
    this.lastBroken = next.broken;
    return run.succeeded(tree.revision, next, database);
  }
}

/** A reading that finds no election at all while the catalog had some is refused, not served. */
function wouldEmpty(before: number, after: number, reading: MetaReading): string | null {
  if (before === 0 || after > 0) return null;
  const error = reading.problems.find((p) => p.severity === 'error' && p.electionKey === undefined);
  if (!error) return null;
  return `The new revision has no readable election (${error.file}: ${error.message}); the ${before} elections already served are kept.`;
}
