import type { SyncReport } from '../../../application/meta/sync-report.js';

/** The report as JSON: dates as ISO strings, everything else as is. */
export function jsonSyncReport(r: SyncReport): object {
  return { ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt.toISOString() };
}

const list = (keys: readonly string[]): string => (keys.length === 0 ? '' : `: ${keys.join(', ')}`);

/** A short human summary for the terminal. */
export function formatSyncReport(r: SyncReport): string {
  const lines: string[] = [];
  const secs = (r.timings.totalMs / 1000).toFixed(2);
  if (!r.ok && r.error) {
    lines.push(`Sync FAILED at the ${r.error.stage} step (${secs} s):`, `  ${r.error.message}`);
  } else if (r.unchanged) {
    lines.push(`Revision ${r.revision} unchanged since the last sync: nothing to do (${secs} s).`);
  } else {
    const was = r.previousRevision ? ` (was ${r.previousRevision})` : '';
    lines.push(`Synced ${r.source} at revision ${r.revision ?? '(no revision: plain directory)'}${was} in ${secs} s.`);
    lines.push(`  elections: ${r.elections} read`);
    if (r.previousRevision !== null || r.updated.length + r.removed.length > 0) {
      // A long-running process compares with what it served before; a CLI run starts empty.
      lines.push(`  added ${r.added.length}${list(r.added)}`);
      lines.push(`  updated ${r.updated.length}${list(r.updated)}`);
      lines.push(`  removed ${r.removed.length}${list(r.removed)}`);
    }
  }
  const db = r.database;
  if (db.status === 'synced') {
    lines.push(
      `  database: synced (${db.added.length} added, ${db.renamed.length} renamed, ${db.archived.length} archived${list(db.archived)}, ${db.restored.length} restored${list(db.restored)})`,
    );
    for (const left of db.ballotsLeftBehind) {
      lines.push(
        `  WARNING: ${left.from.key} (${left.ballots} ballot${left.ballots === 1 ? '' : 's'}) was archived as ${left.to.key}, of the same name, was added: a renamed folder starts an empty roll of who has voted`,
      );
    }
  } else if (db.status === 'skipped') {
    lines.push(`  database: SKIPPED: ${db.reason}`);
  } else {
    lines.push(`  database: FAILED: ${db.message}`);
  }
  for (const b of r.broken) {
    lines.push(
      `  broken: ${b.key}${b.keptLastGood ? ` (its last good version${b.keptRevision ? ` from ${b.keptRevision.slice(0, 12)}` : ''} keeps serving)` : ' (not served: it never read cleanly)'}`,
    );
  }
  const errors = r.problems.filter((p) => p.severity === 'error');
  const warnings = r.problems.length - errors.length;
  lines.push(`  problems: ${errors.length} error(s), ${warnings} warning(s)${r.problems.length ? ' (run `elekto check-meta` for details)' : ''}`);
  for (const p of r.problems.slice(0, 20)) {
    lines.push(`    ${p.severity} ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  }
  if (r.problems.length > 20) lines.push(`    ... and ${r.problems.length - 20} more`);
  lines.push(`  timings: fetch ${r.timings.fetchMs} ms, read ${r.timings.readMs} ms, database ${r.timings.databaseMs} ms`);
  return `${lines.join('\n')}\n`;
}
