/** A checked-out meta repository on local disk at a known revision. */
export interface MetaTree {
  /** Absolute path of the meta repository's root directory. */
  readonly root: string;
  /** Commit id; for a plain directory, a SHA-256 of its election files; null when a source has neither. */
  readonly revision: string | null;
}

export interface MetaSource {
  /** Brings the local copy up to date with the remote branch (clone or fetch + hard reset). */
  fetch(): Promise<MetaTree>;
  /** What is on disk now, without contacting any remote. */
  current(): Promise<MetaTree>;
  describe(): string;
}
