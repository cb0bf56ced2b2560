import type { SyncReport } from '../../application/meta/sync-report.js';

/** The voter's own-ballot actions, counted by outcome only: no election, no voter (turnout is for officers). */
export type BallotAction = 'cast' | 'view' | 'revoke';

/** How a request for a ballot action ended, read from its status (docs/operator-guide.md, "Metrics"). */
export type BallotOutcome = 'ok' | 'signed_out' | 'forbidden' | 'conflict' | 'invalid' | 'throttled' | 'error' | 'refused';

/** The database pool as it is now (connections the process holds, and requests waiting for one). */
export interface PoolUse {
  readonly max: number;
  readonly open: number;
  readonly idle: number;
  readonly waiting: number;
}

/**
 * What the other adapters and bootstrap tell the metrics, in their own words. The Prometheus
 * adapter turns them into series; `noMetrics` forgets them (METRICS_PORT unset).
 */
export interface Metrics {
  /** One HTTP request, by its route template (never the path: paths hold election keys). */
  httpRequest(request: { readonly method: string; readonly route: string; readonly status: number; readonly seconds: number }): void;
  ballotAction(action: BallotAction, outcome: BallotOutcome): void;
  /** The key-derivation wait list changed length. */
  kdfQueueDepth(waiting: number): void;
  /** A key derivation left the wait list for a worker after this long. */
  kdfWaited(ms: number): void;
  syncFinished(report: SyncReport): void;
  /** Read at each scrape; null when the database has no pool (SQLite, memory). */
  watchDatabasePool(read: () => PoolUse | null): void;
}

export const noMetrics: Metrics = {
  httpRequest() {},
  ballotAction() {},
  kdfQueueDepth() {},
  kdfWaited() {},
  syncFinished() {},
  watchDatabasePool() {},
};
