import type { StoredBallot } from '../../../application/ports/ballot-box.js';
import type { RankEntry } from '../../../domain/ballot/ranking.js';
import type { Dialect } from './entities.js';
import { findElectionId } from './election-id.js';
import type { SqlDatabase } from './sql-database.js';

const PAGE = 5000;

/**
 * Every ballot of an election, a page of whole ballots at a time: keyset pagination over the
 * (election_id, voter) index, each ballot's rows folded into one array by the database. Memory
 * holds one page, never the table; no ORM object is built per row (raw results only: hydrating
 * 1,000,000 rows into entities is what this avoids). Order is by ballot id, which is random, so it
 * says nothing about voting order.
 */
export async function* streamBallots(db: SqlDatabase, electionKey: string, pageSize = PAGE): AsyncGenerator<StoredBallot> {
  const electionId = await db.run(({ manager }) => findElectionId(manager, electionKey));
  if (electionId === null) return;
  const fetch = (after: string) =>
    db.run(({ manager }) =>
      aggregated(manager.createQueryBuilder().select('b.voter', 'voter').addSelect('MAX(t.tracker)', 'tracker').from('ballot', 'b'), db.dialect)
        .leftJoin('ballot_tracker', 't', 't.ballot_id = b.voter AND t.election_id = b.election_id')
        .where('b.election_id = :electionId AND b.voter > :after', { electionId, after })
        .groupBy('b.voter')
        .orderBy('b.voter')
        .limit(pageSize)
        .getRawMany<PageRow>(),
    );
  let pending: Promise<PageRow[]> | null = fetch('');
  while (pending) {
    const rows: PageRow[] = await pending;
    // Ask for the next page before handing out this one: the database works while the caller counts.
    pending = rows.length === pageSize ? fetch(rows[rows.length - 1]!.voter) : null;
    pending?.catch(() => undefined); // surfaced by the await above on the next turn
    for (const row of rows)
      yield {
        ballotId: row.voter,
        entries: row.candidates ? zipEntries(row.candidates, row.ranks!) : parseEntries(row.entries),
        tracker: row.tracker ?? null,
      };
  }
}

/**
 * The one hand-written SQL here: each dialect's aggregate (TypeORM has none). PostgreSQL gets two
 * native arrays: pg parses text[] and int4[] cheaply, where building JSON per row cost twice as much.
 * Figure (bench/persistence-bench.ts, 100,000 ballots × 10 candidates on PostgreSQL, shared 2-core
 * machine at load 8–15): streamed and tallied in a median of 4.1–5.0 s through this QueryBuilder,
 * 6.9–8.1 s with the former hand-built SQL; see docs/database.md.
 */
function aggregated<Q extends { addSelect(selection: string, alias: string): Q }>(query: Q, dialect: Dialect): Q {
  switch (dialect) {
    case 'postgres':
      return query.addSelect('array_agg(b.candidate)', 'candidates').addSelect('array_agg(b.rank)', 'ranks');
    case 'mysql':
      return query.addSelect('JSON_ARRAYAGG(JSON_ARRAY(b.candidate, b.rank))', 'entries');
    case 'sqlite':
      return query.addSelect('json_group_array(json_array(b.candidate, b.rank))', 'entries');
  }
}

interface PageRow {
  voter: string;
  tracker: string | null;
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
