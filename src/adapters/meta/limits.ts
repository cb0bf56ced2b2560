/**
 * Caps that keep one hostile or mistaken file from exhausting the server during a sync. They are
 * far above anything real meta repositories hold (the largest voter roll seen has ~1,500 entries,
 * about 20 KiB; the longest bio ~700 words), so a file over a cap is a mistake or an attack.
 */
export const META_LIMITS = {
  /** election.yaml. */
  maxTextFileBytes: 1024 * 1024,
  /**
   * Candidate files, election_desc.md, results.md: Markdown is rendered and sanitised on the
   * event loop during a sync, and crafted Markdown (`*_*_…`, `[[[…`) costs seconds per MiB, so
   * these get a tighter cap, still ~50 times the longest real bio.
   */
  maxMarkdownFileBytes: 256 * 1024,
  /** voters.yaml: 5 MiB holds ~300,000 logins. */
  maxVotersFileBytes: 5 * 1024 * 1024,
  /** YAML aliases expanded per document (billion-laughs guard); real files use none. */
  maxAliasCount: 100,
  /** Directory depth walked below ELECTION_DIR (real repos use 1 or 2). */
  maxDepth: 12,
  /** Directories walked in one read, as a guard against pathological trees. */
  maxDirectories: 50_000,
  /** Candidate files read per election. */
  maxCandidatesPerElection: 500,
} as const;

export type MetaLimits = { -readonly [K in keyof typeof META_LIMITS]: number };
