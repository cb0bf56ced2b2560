import type { Election } from '../../domain/election/election.js';
import type { CatalogSnapshot, MetaProblem } from '../ports/election-catalog.js';
import type { MetaReading } from '../ports/meta-reader.js';
import type { BrokenElection } from './sync-report.js';
import { sameElection } from './same-election.js';

export interface NextCatalog {
  readonly elections: Map<string, Election>;
  readonly problems: MetaProblem[];
  readonly broken: BrokenElection[];
  readonly added: string[];
  readonly updated: string[];
  readonly removed: string[];
}

/**
 * What the catalog becomes after a reading: every election that parsed, in its new version; every
 * broken election that was good before, in its last good version (with a warning saying so); the
 * rest of the previous catalog is gone.
 */
export function nextCatalog(previous: CatalogSnapshot, reading: MetaReading, readAt: ReadonlyMap<string, string | null>): NextCatalog {
  const elections = new Map(reading.elections);
  const problems = [...reading.problems];
  const broken: BrokenElection[] = [];
  for (const key of [...new Set(reading.brokenKeys)].sort()) {
    if (elections.has(key)) continue;
    const last = previous.elections.get(key);
    if (last === undefined) {
      broken.push({ key, keptLastGood: false, keptRevision: null });
      continue;
    }
    const keptRevision = readAt.has(key) ? (readAt.get(key) ?? null) : previous.revision;
    elections.set(key, last);
    broken.push({ key, keptLastGood: true, keptRevision });
    problems.push({
      severity: 'warning',
      file: last.path,
      electionKey: key,
      message: `Election "${key}" is broken at this revision; its last good version${keptRevision ? ` (revision ${keptRevision.slice(0, 12)})` : ''} keeps serving.`,
      hint: 'Fix the errors reported for this election and push again.',
    });
  }
  const added: string[] = [];
  const updated: string[] = [];
  const kept = new Set(broken.filter((b) => b.keptLastGood).map((b) => b.key));
  for (const [key, election] of elections) {
    const before = previous.elections.get(key);
    if (before === undefined) added.push(key);
    else if (!kept.has(key) && !sameElection(before, election)) updated.push(key);
  }
  const removed = [...previous.elections.keys()].filter((key) => !elections.has(key));
  return { elections, problems, broken, added: added.sort(), updated: updated.sort(), removed: removed.sort() };
}
