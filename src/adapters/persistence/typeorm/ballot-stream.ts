import type { StoredBallot } from '../../../application/ports/ballot-box.js';
import type { RankEntry } from '../../../domain/ballot/ranking.js';
import { findElectionId } from './election-id.js';
import type { SqlDatabase } from './sql-database.js';

const PAGE = 5000;

/**
 * Every ballot of an election, a page of whole ballots at a time: keyset pagination over the
 * (election_id, voter) index, each ballot's rows folded into one JSON array by the database. Memory
 * holds one page, never the table; no ORM object is built per row. Order is by ballot id, which is
 * random, so it says nothing about voting order.
 */
export async function* streamBallots(db: SqlDatabase, electionKey: string, pageSize = PAGE): AsyncGenerator<StoredBallot> {
  const electionId = await db.run((sql) => findElectionId(db, sql, electionKey));
  if (electionId === null) return;
  const query = pageQuery(db);
  const fetch = (after: string) => db.run((sql) => sql.rows<PageRow>(query, [electionId, after, pageSize]));
  let pending: Promise<PageRow[]> | null = fetch('');
  while (pending) {
    const rows: PageRow[] = await pending;
    // Ask for the next page before handing out this one: the database works while the caller counts.
    pending = rows.length === pageSize ? fetch(rows[rows.length - 1]!.voter) : null;
    pending?.catch(() => undefined); // surfaced by the await above on the next turn
    for (const row of rows) yield { ballotId: row.voter, entries: row.candidates ? zipEntries(row.candidates, row.ranks!) : parseEntries(row.entries) };
  }
}

function pageQuery(db: SqlDatabase): string {
  const rank = db.q('rank');
  if (db.dialect === 'postgres') {
    // Two native arrays: pg parses text[] and int4[] cheaply; building JSON per row cost twice as much.
    return `SELECT voter, array_agg(candidate) AS candidates, array_agg(${rank}) AS ranks FROM ballot WHERE election_id = ? AND voter > ? GROUP BY voter ORDER BY voter LIMIT ?`;
  }
  const agg = {
    mysql: `JSON_ARRAYAGG(JSON_ARRAY(candidate, ${rank}))`,
    sqlite: `json_group_array(json_array(candidate, ${rank}))`,
  }[db.dialect];
  return `SELECT voter, ${agg} AS entries FROM ballot WHERE election_id = ? AND voter > ? GROUP BY voter ORDER BY voter LIMIT ?`;
}

interface PageRow {
  voter: string;
  entries?: unknown;
  candidates?: string[];
  ranks?: Array<number | null>;
}

function zipEntries(candidates: string[], ranks: Array<number | null>): RankEntry[] {
  return candidates.map((candidate, i) => ({ candidate, rank: ranks[i] ?? Number.NaN }));
}

function parseEntries(raw: unknown): RankEntry[] {
  const pairs = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<[string, unknown]>;
  // A rank Elekto stored as text on SQLite ("abc") becomes NaN: the tally reads it as unranked.
  return pairs.map(([candidate, rank]) => ({ candidate, rank: rank === null ? Number.NaN : Number(rank) }));
}
