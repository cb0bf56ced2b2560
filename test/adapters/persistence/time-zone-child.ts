/**
 * The process for time-zone.test.ts, started with TZ set to a zone that is not UTC: files an
 * exception request at a known instant and prints, as JSON, what the adapter reads back and what
 * the `request` row holds. Usage (env): DB_CONFIG=<json> AT=<ISO instant> node --import tsx time-zone-child.ts
 */
import { openTypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { sqlRows } from '../../support/sql.js';

const at = new Date(process.env['AT']!);
const p = await openTypeOrmPersistence(JSON.parse(process.env['DB_CONFIG']!), { migrate: true });
try {
  await p.electionRecords.syncAll([{ key: 'tz', name: 'Time zones' }]);
  const user = await p.users.upsertFromSignIn('tz-voter', null);
  const filed = await p.exceptionRequests.file(
    { electionKey: 'tz', userId: user.id, name: 'N', email: 'n@example.org', chat: '', description: 'd', comments: '' },
    at,
  );
  const [row] = await p.db.run(({ manager }) => sqlRows<{ created_at: unknown }>(manager, 'SELECT created_at FROM request'));
  // pg hands a naive timestamp over as a Date in the process's zone; the other drivers give text.
  const stored = row?.created_at instanceof Date ? localText(row.created_at) : String(row?.created_at);
  process.stdout.write(JSON.stringify({ offset: at.getTimezoneOffset(), readBack: filed.createdAt.toISOString(), stored }));
} finally {
  await p.close();
}

function localText(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
