/** The database mirror of meta elections (Elekto's `election` table), needed before any ballot. */
export interface ElectionRecord {
  readonly key: string;
  readonly name: string;
  readonly archived: boolean;
}

export interface ElectionSyncReport {
  readonly added: readonly string[];
  readonly renamed: readonly string[];
  readonly archived: readonly string[];
  readonly restored: readonly string[];
}

export interface ElectionRecords {
  /**
   * Upserts one row per election by key, archives rows whose key is no longer present (never
   * deleting them or their ballots), and restores archived rows whose key came back.
   */
  syncAll(elections: ReadonlyArray<{ key: string; name: string }>): Promise<ElectionSyncReport>;
  list(): Promise<ElectionRecord[]>;
  /** The meta revision the last successful sync recorded (replicas follow it). */
  syncedRevision(): Promise<string | null>;
  recordSyncedRevision(revision: string | null): Promise<void>;
}
