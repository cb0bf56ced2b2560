import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SyncReport } from '../../application/meta/sync-report.js';
import type { BallotAction, BallotOutcome, Metrics, PoolUse } from '../shared/metrics.js';

/** How a sync ended, as one label value; `partial`: it completed but some elections did not parse. */
export function syncOutcome(r: SyncReport): string {
  if (!r.ok) return `${r.error?.stage ?? 'unknown'}_failed`;
  if (r.broken.length > 0) return 'partial';
  return r.unchanged ? 'unchanged' : 'ok';
}

/**
 * The Prometheus series, in a registry of their own (never prom-client's global one, so two
 * applications in one process, as in the tests, do not share or clash). Labels are closed sets:
 * route templates, methods, statuses, outcomes; no election key, login or path ever becomes one.
 */
export class PromMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly ballots: Record<BallotAction, Counter<'outcome'>>;
  private readonly kdfDepth: Gauge;
  private readonly kdfWait: Histogram;
  private readonly syncs: Counter<'outcome'>;
  private readonly syncDuration: Histogram<'outcome'>;
  private readonly lastSuccess: Gauge;
  private readPool: () => PoolUse | null = () => null;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'elekto_http_request_duration_seconds',
      help: 'HTTP requests on the public port by route template, method and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const ballotCounter = (name: string, what: string) =>
      new Counter({ name, help: `Ballots ${what}, by outcome (no per-election labels).`, labelNames: ['outcome'], registers });
    this.ballots = {
      cast: ballotCounter('elekto_ballots_cast_total', 'cast (POST of the ballot form)'),
      view: ballotCounter('elekto_ballots_viewed_total', 'viewed with the passphrase'),
      revoke: ballotCounter('elekto_ballots_revoked_total', 'revoked with the passphrase'),
    };
    this.kdfDepth = new Gauge({ name: 'elekto_kdf_queue_depth', help: 'Key derivations waiting for a worker.', registers });
    this.kdfWait = new Histogram({
      name: 'elekto_kdf_queue_wait_seconds',
      help: 'Time a key derivation waited for a worker.',
      buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.syncs = new Counter({ name: 'elekto_meta_syncs_total', help: 'Meta syncs by outcome.', labelNames: ['outcome'], registers });
    this.syncDuration = new Histogram({
      name: 'elekto_meta_sync_duration_seconds',
      help: 'Duration of meta syncs by outcome.',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'elekto_meta_sync_last_success_timestamp_seconds',
      help: 'When the last meta sync that read every election finished (Unix time); 0 before the first.',
      registers,
    });
    const readPool = (): PoolUse | null => this.readPool();
    new Gauge({
      name: 'elekto_db_pool_connections',
      help: 'Database pool: connections open and idle, requests waiting for one, and the most it opens (max); absent for SQLite.',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        const use = readPool();
        if (!use) return;
        this.set({ state: 'open' }, use.open);
        this.set({ state: 'idle' }, use.idle);
        this.set({ state: 'waiting' }, use.waiting);
        this.set({ state: 'max' }, use.max);
      },
    });
  }

  httpRequest(r: { method: string; route: string; status: number; seconds: number }): void {
    this.http.observe({ method: r.method, route: r.route, status: String(r.status) }, r.seconds);
  }

  ballotAction(action: BallotAction, outcome: BallotOutcome): void {
    this.ballots[action].inc({ outcome });
  }

  kdfQueueDepth(waiting: number): void {
    this.kdfDepth.set(waiting);
  }

  kdfWaited(ms: number): void {
    this.kdfWait.observe(ms / 1000);
  }

  syncFinished(report: SyncReport): void {
    const outcome = syncOutcome(report);
    this.syncs.inc({ outcome });
    this.syncDuration.observe({ outcome }, report.timings.totalMs / 1000);
    if (outcome === 'ok' || outcome === 'unchanged') this.lastSuccess.set(report.finishedAt.getTime() / 1000);
  }

  watchDatabasePool(read: () => PoolUse | null): void {
    this.readPool = read;
  }

  /** The exposition text and its content type, for the metrics listener. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
