import type { SyncLock } from '../ports/sync-lock.js';
import { serialiser } from '../serialiser.js';

/** One sync at a time within this process: each caller waits for the ones before it. */
export class InProcessSyncLock implements SyncLock {
  readonly exclusive = serialiser();
}
