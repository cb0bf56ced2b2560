import type { SyncReport } from './sync-report.js';

interface Sync {
  execute(request: { fetch: boolean }): Promise<SyncReport>;
}

/**
 * At most one sync running and one waiting, however many pushes arrive: a push that finds a sync
 * already waiting joins it, since that sync starts after the push arrived and so reads what it
 * pushed. A burst of fifty pushes costs two syncs, not fifty fetches queued behind the lock.
 */
export class CoalescedSync implements Sync {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting: Promise<SyncReport> | null = null;

  constructor(private readonly sync: Sync) {}

  execute(request: { fetch: boolean }): Promise<SyncReport> {
    if (this.waiting) return this.waiting;
    const next: Promise<SyncReport> = this.tail.then(() => {
      // Started: from now on a new push must wait for the sync after this one.
      if (this.waiting === next) this.waiting = null;
      return this.sync.execute(request);
    });
    this.waiting = next;
    this.tail = next.catch(() => undefined);
    return next;
  }
}
