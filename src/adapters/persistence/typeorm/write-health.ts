/** What GET /ready says about writes: public, so a kind of failure and a time, never a driver message. */
export interface WriteHealthReport {
  readonly ok: boolean;
  readonly detail: string;
}

export type WriteFailureKind = 'disk full' | 'I/O error' | 'lock timeout' | 'lock conflict' | 'refused at commit' | 'connection lost';

/**
 * Whether the last unit of work that wrote reached its commit. Failing from the first failed write
 * until a later one commits: reads keep working meanwhile, so only the operator is told.
 */
export class WriteHealth {
  private failingSince: Date | null = null;
  private failures = 0;
  private lastKind: WriteFailureKind | null = null;
  private lastCommit: Date | null = null;

  committed(at = new Date()): void {
    this.failingSince = null;
    this.failures = 0;
    this.lastCommit = at;
  }

  failed(kind: WriteFailureKind, at = new Date()): void {
    this.failingSince ??= at;
    this.failures += 1;
    this.lastKind = kind;
  }

  report(): WriteHealthReport {
    if (this.failingSince) {
      return {
        ok: false,
        detail: `writes failing since ${this.failingSince.toISOString()}: ${this.failures} refused (last: ${this.lastKind}), each rolled back and answered 503; the log has the details`,
      };
    }
    return { ok: true, detail: this.lastCommit ? `last write committed at ${this.lastCommit.toISOString()}` : 'no write since start' };
  }
}
