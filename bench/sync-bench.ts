/**
 * Full-sync benchmark (issue 3): a generated meta repository of E elections × C candidates × V voters
 * is committed and pushed to a local bare "remote"; then SyncMeta runs with the git binary, the real
 * parser, the in-memory catalog and election table:
 *   1. full sync from nothing: clone + parse + validate + render + database rows + swap (target < 10 s)
 *   2. re-sync of the unchanged revision: fetch + reset + clean, no re-read (target < 1 s)
 *   3. sync after a push that changes one election (full re-read; for information)
 *
 *   npx tsx bench/sync-bench.ts [elections=1000] [candidates=10] [voters=1000] [git|directory]
 *
 * `directory` runs the same three steps over the author's folder as a plain META_PATH (no git): the
 * revision is then a SHA-256 of the election files, computed at every sync ("fetch" in the timings).
 *
 * Exit 1 when a target is missed. Files live under bench/out/ (git-ignored) and are reused.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InMemoryElectionCatalog } from '../src/adapters/catalog/in-memory-election-catalog.js';
import { FileSystemMetaReader } from '../src/adapters/meta/file-system-meta-reader.js';
import { DirectoryMetaSource } from '../src/adapters/meta/sources/directory-meta-source.js';
import { GitCliMetaSource } from '../src/adapters/meta/sources/git-cli-meta-source.js';
import { InMemoryElectionRecords } from '../src/adapters/persistence/in-memory/in-memory-election-records.js';
import { SystemClock } from '../src/adapters/system/system-clock.js';
import { SyncMeta } from '../src/application/meta/sync-meta.js';
import type { SyncReport } from '../src/application/meta/sync-report.js';
import { generateMetaRepo } from './meta-parse-bench.js';

const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'b@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'b@example.org' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

const [elections = 1000, candidates = 10, voters = 1000] = process.argv.slice(2, 5).map(Number);
const mode = process.argv[5] === 'directory' ? 'directory' : 'git';
const base = join(dirname(fileURLToPath(import.meta.url)), 'out', `sync-${elections}x${candidates}x${voters}`);
const author = join(base, 'author');
const remote = join(base, 'remote.git');
// A fresh checkout folder per run: deleting the last one (13,000 files) right before timing the
// clone made this disk's writes several times slower for a while; old ones are removed at the end.
const checkout = join(base, `checkout-${process.pid}`);

function prepareRemote(): void {
  if (existsSync(join(remote, 'HEAD')) && existsSync(join(author, '.shape.json'))) return;
  const t = performance.now();
  rmSync(base, { recursive: true, force: true });
  generateMetaRepo(author, { elections, candidates, voters });
  git(base, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  git(author, 'init', '--quiet', '--initial-branch=main');
  git(author, 'add', '--all');
  git(author, 'commit', '--quiet', '-m', 'generated meta');
  git(author, 'push', '--quiet', remote, 'HEAD:refs/heads/main');
  console.log(`generated and pushed ${elections} elections in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

async function timed(label: string, sync: SyncMeta): Promise<{ seconds: number; report: SyncReport }> {
  const t = performance.now();
  const report = await sync.execute({ fetch: true });
  const seconds = (performance.now() - t) / 1000;
  const { fetchMs, readMs, databaseMs } = report.timings;
  const heap = (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0);
  console.log(
    `${label}: ${seconds.toFixed(2)} s (fetch ${fetchMs} ms, read ${readMs} ms, database ${databaseMs} ms; ` +
      `${report.elections} elections, ok=${report.ok}, unchanged=${report.unchanged}, errors=${report.problems.filter((p) => p.severity === 'error').length}, heap ${heap} MiB)`,
  );
  if (!report.ok) throw new Error(`sync failed: ${report.error?.message}`);
  return { seconds, report };
}

prepareRemote();
const catalog = new InMemoryElectionCatalog();
const sync = new SyncMeta({
  source:
    mode === 'directory'
      ? new DirectoryMetaSource(author, { electionDir: 'elections' })
      : new GitCliMetaSource({ repo: remote, path: checkout, branch: 'main' }),
  reader: new FileSystemMetaReader({ electionDir: 'elections' }),
  catalog,
  records: new InMemoryElectionRecords(),
  clock: new SystemClock(),
});
console.log(`shape: ${elections} elections × ${candidates} candidates × ${voters} voters; ${mode} source; node ${process.version}`);
const full = await timed(mode === 'directory' ? 'full sync (hash + read + swap)' : 'full sync (clone + read + swap)', sync);
let worstUnchanged = 0;
for (let i = 1; i <= 3; i++) worstUnchanged = Math.max(worstUnchanged, (await timed(`re-sync unchanged #${i}`, sync)).seconds);
appendFileSync(join(author, 'elections', '2000', 'election-0', 'election_desc.md'), `\nEdited at ${new Date().toISOString()}.\n`);
git(author, 'commit', '--quiet', '--all', '-m', 'edit one election');
git(author, 'push', '--quiet', remote, 'HEAD:refs/heads/main');
const changed = await timed(mode === 'directory' ? 'sync after a one-election edit (full re-read)' : 'sync after a one-election push (full re-read)', sync);
console.log(`  updated: ${changed.report.updated.join(', ')}`);

const fullOk = full.seconds < 10;
const unchangedOk = worstUnchanged < 1;
console.log(`target full sync < 10 s: ${fullOk ? 'met' : 'MISSED'} (${full.seconds.toFixed(2)} s)`);
console.log(`target unchanged re-sync < 1 s: ${unchangedOk ? 'met' : 'MISSED'} (worst ${worstUnchanged.toFixed(2)} s)`);
process.exitCode = fullOk && unchangedOk ? 0 : 1;
for (const name of readdirSync(base)) if (name.startsWith('checkout')) rmSync(join(base, name), { recursive: true, force: true });
