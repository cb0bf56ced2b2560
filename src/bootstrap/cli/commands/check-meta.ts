import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { checkMetaJson, checkMetaText } from '../../../adapters/meta/check-meta-report.js';
import { FileSystemMetaReader } from '../../../adapters/meta/file-system-meta-reader.js';
import { RevisionUnreadableError, renamesSince, withProblems } from '../../../adapters/meta/renames-since.js';

export const summary = 'Validate a meta repository (for its CI)';

/**
 * `elekto check-meta <meta-root> [--election-dir DIR] [--since REV] [--json]`: the presubmit check
 * for pull requests to a meta repository. Exit 0: no error (warnings allowed); 1: errors; 2: bad
 * usage (or a --since revision that cannot be read).
 */
export async function run(argv: string[]): Promise<number> {
  const program = new Command('elekto check-meta')
    .description('Validate every election of a meta repository: YAML, dates, candidates, voter rolls, Markdown.')
    .argument('<meta-root>', 'folder of the meta repository (a checkout)')
    .option('--election-dir <dir>', 'elections folder, relative to the root (default: $ELECTION_DIR or "elections")')
    .option('--since <revision>', 'git revision to compare with (the target branch): warn when an election whose voting had opened there is gone and one of the same name is new (a renamed folder)')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText('after', '\nExit status: 0 no errors (warnings allowed), 1 errors found, 2 bad usage.')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    });
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const root = resolve(program.args[0] ?? '.');
  const opts = program.opts<{ electionDir?: string; since?: string; json?: boolean }>();
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
