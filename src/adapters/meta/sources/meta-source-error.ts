/**
 * Why a meta source could not deliver a tree. The sync use case reports `message` as is, so every
 * message names the source (with credentials redacted) and says what to check.
 */
export type MetaSourceFailure =
  'unreachable' | 'auth' | 'missing-branch' | 'timeout' | 'not-a-repository' | 'not-cloned' | 'missing-directory' | 'driver-unavailable' | 'failed';

export class MetaSourceError extends Error {
  readonly kind: MetaSourceFailure;

  constructor(kind: MetaSourceFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetaSourceError';
    this.kind = kind;
  }
}

/** `https://user:token@host/x` → `https://***@host/x`, wherever it appears in a text. */
export function redactCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

/** Sorts git's (or libgit2's) complaint into a failure kind; `text` is its stderr or message. */
export function classifyGitFailure(text: string): MetaSourceFailure {
  const t = text.toLowerCase();
  if (/remote branch .* not found|couldn't find remote ref|could not find remote ref|reference .*not found|no such reference/.test(t)) {
    return 'missing-branch';
  }
  if (
    /authentication failed|could not read username|could not read password|permission denied|terminal prompts disabled|http(?:s)? basic: access denied|\b401\b|\b403\b|credentials|authentication required/.test(
      t,
    )
  ) {
    return 'auth';
  }
  if (
    /could not resolve host|repository '.*' does not exist|connection refused|connection timed out|network is unreachable|does not appear to be a git repository|repository .* not found|not found|no such file or directory|unable to access|could not read from remote|failed to resolve address|failed to connect|could not find repository|failed to resolve path|unsupported url protocol/.test(
      t,
    )
  ) {
    return 'unreachable';
  }
  return 'failed';
}

export function describeFailure(kind: MetaSourceFailure): string {
  switch (kind) {
    case 'unreachable':
      return 'the remote is unreachable (check META_REPO and the network)';
    case 'auth':
      return 'the remote refused the credentials (check the token in META_REPO or the deploy key)';
    case 'missing-branch':
      return 'the branch does not exist on the remote (check META_BRANCH)';
    case 'timeout':
      return 'git took too long and was stopped';
    default:
      return 'git failed';
  }
}
