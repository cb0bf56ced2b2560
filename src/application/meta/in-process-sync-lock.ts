import type { SyncLock } from '../ports/sync-lock.js';

/** One sync at a time within this process: each caller waits for the ones before it. */
export class InProcessSyncLock implements SyncLock {
  private tail: Promise<unknown> = Promise.resolve();

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
