import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEFT_BEHIND_HINT, leftBehindMessage, likelyRenames } from '../../application/meta/renamed-elections.js';
import type { MetaProblem } from '../../application/ports/election-catalog.js';
import { electionStatus } from '../../domain/election/election.js';
import { type ElectionFinding, FileSystemMetaReader, type FileSystemMetaReading } from './file-system-meta-reader.js';

export class RevisionUnreadableError extends Error {}

/**
 * check-meta has no database, so "an election with ballots" is judged from git: an election present
 * at `revision` (the branch a pull request targets) whose voting had opened there, absent now, while
 * an election of the same name is new now. Such a pair is a renamed folder, and a rename makes a new
 * election with an empty roll of who has voted. Gives one warning per pair, for the new election.
 */
export async function renamesSince(root: string, revision: string, electionDir: string, now: Reading, at: Date): Promise<MetaProblem[]> {
  const before = await readAtRevision(root, revision, electionDir);
  const keysNow = new Set(now.findings.map((f) => f.key));
  const keysBefore = new Set(before.findings.map((f) => f.key));
  const gone = [...before.elections.values()].filter((e) => !keysNow.has(e.key) && electionStatus(e, at) !== 'upcoming');
  const added = [...now.elections.values()].filter((e) => !keysBefore.has(e.key));
  return likelyRenames(gone, added).map(({ from, to }) => ({
    severity: 'warning',
    file: `${now.findings.find((f) => f.key === to.key)?.dir ?? to.key}/election.yaml`,
    electionKey: to.key,
    message: leftBehindMessage({ from, to, ballots: null }, `since ${revision}`),
    hint: LEFT_BEHIND_HINT,
  }));
}

type Reading = Pick<FileSystemMetaReading, 'findings' | 'elections'>;

/** The elections folder as it was at a git revision of the checkout, read by the same reader. */
async function readAtRevision(root: string, revision: string, electionDir: string): Promise<FileSystemMetaReading> {
  const git = (args: string[]) => spawnSync('git', ['-C', root, ...args], { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } });
  const known = git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  if (known.status !== 0) throw new RevisionUnreadableError(`${revision} is not a commit of the git checkout at ${root}`);
  const dir = mkdtempSync(join(tmpdir(), 'elekto-check-meta-since-'));
  try {
    const archive = git(['archive', '--format=tar', revision, '--', electionDir]);
    // No elections folder at that revision: nothing was there, so nothing was renamed.
    if (archive.status === 0) {
      const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
      if (untar.status !== 0) throw new RevisionUnreadableError(`the files of ${revision} could not be unpacked: ${untar.stderr.toString().trim()}`);
    }
    return await new FileSystemMetaReader({ electionDir }).read({ root: dir, revision });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The reading with the extra problems attached to their elections (and counted). */
export function withProblems(reading: FileSystemMetaReading, extra: readonly MetaProblem[]): FileSystemMetaReading {
  if (extra.length === 0) return reading;
  const findings: ElectionFinding[] = reading.findings.map((f) => {
    const mine = extra.filter((p) => p.electionKey === f.key);
    return mine.length === 0 ? f : { ...f, problems: [...f.problems, ...mine] };
  });
  return { ...reading, findings, problems: [...reading.problems, ...extra] };
}
