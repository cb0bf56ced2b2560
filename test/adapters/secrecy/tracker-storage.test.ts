/**
 * A ballot tracker is stored with its ballot only: not beside the voter mark, not in clear in the
 * pending pool, and after the move only in `ballot_tracker`, keyed by the ballot id (no user id).
 * Every table of a SQLite database is read whole, as a database administrator would.
 */
import { randomUUID } from 'node:crypto';
import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../../src/adapters/persistence/typeorm/index.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../support/databases.js';

const KEY = '2026---tracked';
const TRACKER = 'Q9XD-7K2M-4HJT-B0WE';

let database: ThrowawayDatabase;
let p: TypeOrmPersistence;
beforeAll(async () => {
  database = await createThrowawayDatabase('sqlite');
  p = await openTypeOrmPersistence(database.config, { migrate: true, ballotPool: { appKey: 'tracker-secrecy-key-0123456789abcdef' } });
  await p.electionRecords.syncAll([{ key: KEY, name: 'Tracked' }]);
});
afterAll(async () => {
  await p?.close();
  await database?.drop();
});

/** Every table name whose rows contain `needle` anywhere (text or bytes read as Latin-1). */
async function tablesHolding(needle: string): Promise<string[]> {
  const tables = await p.dataSource.query<Array<{ name: string }>>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
  const found: string[] = [];
  for (const { name } of tables) {
    const rows = await p.dataSource.query<Array<Record<string, unknown>>>(`SELECT * FROM "${name}"`);
    const text = rows
      .map((r) =>
        Object.values(r)
          .map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v)))
          .join('|'),
      )
      .join('\n');
    if (text.includes(needle)) found.push(name);
  }
  return found;
}

describe('where a ballot tracker is stored', () => {
  it('sealed while pending, then only in ballot_tracker, keyed by the ballot, never with the voter', async () => {
    const user = await p.users.upsertFromSignIn('alice', null);
    const ballotId = randomUUID();
    await p.ballotBox.cast({ electionKey: KEY, userId: user.id, ballotId, entries: [{ candidate: 'ada', rank: 1 }], link: null, tracker: TRACKER });
    expect(await tablesHolding(TRACKER)).toEqual([]);

    await p.ballotBox.flush(KEY);
    expect(await tablesHolding(TRACKER)).toEqual(['ballot_tracker']);
    const rows = await p.dataSource.query<Array<Record<string, unknown>>>('SELECT * FROM ballot_tracker');
    expect(rows).toEqual([{ ballot_id: ballotId, election_id: expect.any(Number), tracker: TRACKER }]);

    await p.ballotBox.revoke(KEY, user.id, ballotId);
    expect(await tablesHolding(TRACKER)).toEqual([]);
  });
});
