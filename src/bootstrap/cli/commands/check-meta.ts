import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkMetaJson, checkMetaText } from '../../../adapters/meta/check-meta-report.js';
import { FileSystemMetaReader } from '../../../adapters/meta/file-system-meta-reader.js';
import { RevisionUnreadableError, renamesSince, withProblems } from '../../../adapters/meta/renames-since.js';

/**
 * `elekto check-meta <meta-root> [--election-dir DIR] [--since REV] [--json]`: the presubmit check
 * for pull requests to a meta repository. Exit 0: no error (warnings allowed); 1: errors; 2: bad
 * usage (or a --since revision that cannot be read).
 */
export async function run(metaRoot: string, opts: { electionDir?: string; since?: string; json?: boolean }): Promise<number> {
  const root = resolve(metaRoot);
  if (!isDirectory(root)) {
    process.stderr.write(`elekto check-meta: ${root} is not a folder\n`);
    return 2;
  }
  const electionDir = opts.electionDir ?? (process.env.ELECTION_DIR?.trim() || 'elections');
  let reading = await new FileSystemMetaReader({ electionDir }).read({ root, revision: null });
  if (opts.since !== undefined) {
    try {
      reading = withProblems(reading, await renamesSince(root, opts.since, electionDir, reading, new Date()));
    } catch (e) {
      if (!(e instanceof RevisionUnreadableError)) throw e;
      process.stderr.write(`elekto check-meta: --since: ${e.message}\n`);
      return 2;
    }
  }
  const report = checkMetaJson(reading);
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : checkMetaText(reading));
  return report.errors > 0 ? 1 : 0;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
