import type { BallotBox } from '../ports/ballot-box.js';
import type { Clock } from '../ports/clock.js';
import type { CatalogSnapshot, ElectionCatalog } from '../ports/election-catalog.js';
import type { ElectionRecords } from '../ports/election-records.js';
import type { LastGoodCatalog } from '../ports/last-good-catalog.js';
import type { MetaReader, MetaReading } from '../ports/meta-reader.js';
import type { MetaSource, MetaTree } from '../ports/meta-source.js';
import type { SyncLock } from '../ports/sync-lock.js';
import { InProcessSyncLock } from './in-process-sync-lock.js';
import { nextCatalog } from './next-catalog.js';
import { ballotsLeftBehind } from './renamed-elections.js';
import { type RestoredCatalog, restoreLastGood } from './restore-last-good.js';
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
  /**
   * Where each complete sync keeps its catalog for the next start (the database), and where a start
   * finds it again. Absent: a restart begins with an empty catalog (the CLI without a database).
   */
  readonly lastGood?: LastGoodCatalog | null;
  /**
   * When this process started (default: when this SyncMeta was made). A catalog saved after it was
   * read by this same code, so a replica may serve it instead of reading the same revision again.
   */
  readonly startedAt?: Date;
}

/**
 * Fetch → read → (database) → swap. Failures never throw: they come back as a report with
 * `ok: false` and `error`, and the catalog that was serving keeps serving. The database rows are
 * written before the swap, so a page never offers an election that has no row yet.
 * A non-null revision equal to the last complete sync's is not re-read (a plain directory's
 * revision is a hash of its election files, so an unchanged folder is not re-read either).
 *
 * A restart must not forget the elections: before the first sync reads anything, the catalog the
 * last complete sync saved is restored and served, so a source that is missing or broken at start-up
 * is refused exactly as it is while serving, and nothing is archived because a source vanished.
 */
export class SyncMeta {
  private readonly lock: SyncLock;
  private completedRevision: string | null = null;
  private lastBroken: readonly BrokenElection[] = [];
  /** The revision each catalog election was read at, so a kept version can say how old it is. */
  private readAt = new Map<string, string | null>();
  private last: SyncReport | null = null;
  private restored: RestoredCatalog | null = null;
  private restoreFailure: string | null = null;
  private readonly startedAt: number;

  constructor(private readonly deps: SyncMetaDeps) {
    this.lock = deps.lock ?? new InProcessSyncLock();
    this.startedAt = (deps.startedAt ?? deps.clock.now()).getTime();
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
        const run = new SyncRun(this.deps.clock, this.deps.source.describe(), request.fetch, this.deps.catalog.current(), this.restored);
        this.last = run.failed('database', new Error(`The meta sync lock could not be taken: ${e instanceof Error ? e.message : String(e)}`));
        return this.last;
      });
  }

  /** The outcome of the last sync (health pages show it); null before the first. */
  lastReport(): SyncReport | null {
    return this.last;
  }

  /**
   * The catalog restored at start-up while no sync has succeeded since (it is stale), or null. The
   * `failure` says why a saved catalog could not be restored, when one could not.
   */
  restoredCatalog(): { readonly restored: RestoredCatalog | null; readonly failure: string | null } {
    return { restored: this.restored, failure: this.restoreFailure };
  }

  private async sync(fetch: boolean): Promise<SyncReport> {
    const { source, reader, catalog, records, lastGood } = this.deps;
    let restoredNow: RestoredCatalog | null = null;
    if (lastGood && catalog.current().syncedAt === null) {
      const outcome = await restoreLastGood(lastGood, catalog);
      restoredNow = outcome.restored;
      this.restoreFailure = outcome.failure;
      if (outcome.restored) {
        this.restored = outcome.restored;
        this.readAt = outcome.readAt;
      }
    }
    const previous = catalog.current();
    const run = new SyncRun(this.deps.clock, source.describe(), fetch, previous, this.restored);
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
    if (restoredNow && (await this.adoptable(restoredNow, tree.revision, previous))) {
      this.restored = null;
      this.restoreFailure = null;
      this.completedRevision = tree.revision;
      this.lastBroken = [];
      return run.unchanged([], 'another replica synced this revision while this one started; its saved catalog is served');
    }
    let reading: MetaReading;
    try {
      reading = await reader.read(tree);
    } catch (e) {
      return run.failed('read', e);
    }
    run.mark('read');
    const next = nextCatalog(previous, reading, this.readAt);
    const emptied = noElectionFound(previous.elections.size, next.elections.size, reading);
    if (emptied) return run.failed('read', new Error(emptied));
    const syncedAt = run.now();
    const readAt = new Map([...next.elections.keys()].map((k) => [k, tree.revision]));
    for (const b of next.broken) if (b.keptLastGood) readAt.set(b.key, b.keptRevision);
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
    if (lastGood) {
      // Saved after the rows, so a restored catalog never offers an election without a row.
      try {
        await lastGood.save({ revision: tree.revision, syncedAt, elections: next.elections, problems: next.problems, readAt });
      } catch (e) {
        return run.failed('database', new Error(`The catalog could not be saved for the next start: ${e instanceof Error ? e.message : String(e)}`));
      }
    }
    run.mark('database');
    catalog.replace({ revision: tree.revision, syncedAt, elections: next.elections, problems: next.problems });
    this.readAt = readAt;
    this.restored = null;
    this.restoreFailure = null;
    this.completedRevision = tree.revision;
    this.lastBroken = next.broken;
    return run.succeeded(tree.revision, next, database);
  }

  /**
   * Many organizations on two replicas started together: the second to take an organization's lock
   * would read and parse again what the first has just read, saved and recorded. It serves that
   * saved catalog instead when it is of the very revision this replica sees, was saved after this
   * process started (so read by this same code, not by a version before an upgrade), has no broken
   * election (only a read tells which last good versions it keeps), and its revision is the one
   * recorded with the database rows.
   */
  private async adoptable(restored: RestoredCatalog, revision: string | null, previous: CatalogSnapshot): Promise<boolean> {
    if (revision === null || restored.revision !== revision || restored.syncedAt.getTime() <= this.startedAt) return false;
    if (previous.problems.some((p) => p.severity === 'error')) return false;
    if (!this.deps.records) return true;
    try {
      return (await this.deps.records.syncedRevision()) === revision;
    } catch {
      return false;
    }
  }
}

/**
 * A reading that finds no election at all and says why (the elections folder is missing, leads out
 * of the repository, holds only unreadable folders) is refused, whether or not anything was served
 * before: "the folder is gone" is never "there are no elections". An elections folder that exists
 * and holds no election has no such error, and is a legitimately empty catalog.
 */
function noElectionFound(before: number, after: number, reading: MetaReading): string | null {
  if (after > 0) return null;
  const error = reading.problems.find((p) => p.severity === 'error' && p.electionKey === undefined);
  if (!error) return null;
  const kept = before > 0 ? `the ${before} elections already served are kept` : 'it is not taken for an empty catalog';
  return `The new revision has no readable election (${error.file}: ${error.message}); ${kept}.`;
}
