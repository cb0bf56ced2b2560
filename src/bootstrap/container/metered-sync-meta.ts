import { SyncMeta, type SyncMetaDeps } from '../../application/meta/sync-meta.js';
import type { SyncReport } from '../../application/meta/sync-report.js';

/** The meta sync, telling the metrics how each run ended (webhook, poller, start-up and CLI alike). */
export class MeteredSyncMeta extends SyncMeta {
  constructor(
    deps: SyncMetaDeps,
    private readonly onReport: (report: SyncReport) => void,
  ) {
    super(deps);
  }

  override async execute(request: { fetch: boolean }): Promise<SyncReport> {
    const report = await super.execute(request);
    this.onReport(report);
    return report;
  }
}
