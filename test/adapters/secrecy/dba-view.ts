import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { TypeOrmDatabaseConfig } from '../../../src/adapters/persistence/typeorm/create-data-source.js';
import type { DatabaseKind } from '../../support/databases.js';
import { clusteredLeafRecords, innoInt } from './innodb-pages.js';
import { compareKeys, type Key, type Trace } from './link-attack.js';

/** Everything a database administrator can read about one election's voters and ballots. */
export interface DbaView {
  readonly voters: Trace[];
  readonly ballots: Trace[];
  /** Signals that are transaction ids (for the same-transaction attack). */
  readonly txKeys: string[];
  /** Rows left in the pending pool. */
  readonly pending: number;
}

interface VoterRow {
  id: number;
  userId: number;
  createdAt: number;
  keys: Record<string, Key>;
}
interface BallotRow {
  id: string;
  ballotId: string;
  keys: Record<string, Key>;
}

/** Reads the election's rows with every system column and physical position the engine exposes. */
export async function dbaView(kind: DatabaseKind, config: TypeOrmDatabaseConfig, electionId: number): Promise<DbaView> {
  const read = { sqlite: readSqlite, postgres: readPostgres, mariadb: readMariadb }[kind];
  const { voters, ballots, txKeys, pending } = await read(config, electionId);
  return { voters: voterTraces(voters), ballots: ballotTraces(ballots), txKeys, pending };
}

/** Per voter: its id, creation time, row order, plus the engine's own signals. */
function voterTraces(rows: VoterRow[]): Trace[] {
  return rows.map((r, i) => ({ who: String(r.userId), keys: { id: [r.id], created_at: [r.createdAt, r.id], 'row order': [i], ...r.keys } }));
}

/** Per ballot (several rows): the smallest of each signal over its rows, the row order of its first row. */
function ballotTraces(rows: BallotRow[]): Trace[] {
  const byBallot = new Map<string, Record<string, Key>>();
  const rowIdRank = new Map([...rows].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r, i) => [r.id, i]));
  const ballotIdRank = new Map([...new Set(rows.map((r) => r.ballotId))].sort().map((b, i) => [b, i]));
  rows.forEach((r, i) => {
    const keys: Record<string, Key> = { 'row order': [i], 'row id': [rowIdRank.get(r.id)!], 'ballot id': [ballotIdRank.get(r.ballotId)!], ...r.keys };
    const seen = byBallot.get(r.ballotId);
    if (!seen) return void byBallot.set(r.ballotId, keys);
    for (const [k, v] of Object.entries(keys)) if (!seen[k] || compareKeys(v, seen[k]) < 0) seen[k] = v;
  });
  return [...byBallot].map(([who, keys]) => ({ who, keys }));
}

const time = (v: unknown) => new Date(String(v instanceof Date ? v.toISOString() : v).replace(' ', 'T')).getTime();
const ctid = (v: string): Key => v.replace(/[()]/g, '').split(',').map(Number);

async function readPostgres(config: TypeOrmDatabaseConfig, electionId: number) {
  if (config.dialect !== 'postgres') throw new Error('not postgres');
  const client = new pg.Client({ host: config.host, port: config.port, user: config.username, password: config.password, database: config.database });
  await client.connect();
  try {
    // No WHERE clause: a sequential scan returns rows in physical order (an index scan would not).
    const voters = (await client.query('SELECT id, user_id, election_id, created_at, xmin::text AS xmin, ctid::text AS ctid FROM voter')).rows
      .filter((r) => r.election_id === electionId)
      .map((r) => ({ id: r.id, userId: r.user_id, createdAt: time(r.created_at), keys: { xmin: [Number(r.xmin)], ctid: ctid(r.ctid) } }));
    const ballots = (await client.query('SELECT id, election_id, voter, xmin::text AS xmin, ctid::text AS ctid FROM ballot')).rows
      .filter((r) => r.election_id === electionId)
      .map((r) => ({ id: r.id, ballotId: r.voter, keys: { xmin: [Number(r.xmin)], ctid: ctid(r.ctid) } }));
    // Dead rows of the pool, read from the heap pages: each one's xmin is its cast, its xmax its move.
    await client.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
    const pages = Number((await client.query("SELECT pg_relation_size('pending_ballot') / 8192 AS n")).rows[0].n);
    const moveOf = new Map<number, number>();
    for (let p = 0; p < pages; p++) {
      const items = (await client.query("SELECT t_xmin::text AS xmin, t_xmax::text AS xmax FROM heap_page_items(get_raw_page('pending_ballot', $1))", [p]))
        .rows;
      for (const it of items) if (it.xmin && it.xmax && it.xmax !== '0') moveOf.set(Number(it.xmin), Number(it.xmax));
    }
    for (const v of voters) {
      const moved = moveOf.get(v.keys.xmin[0]!);
      if (moved !== undefined) Object.assign(v.keys, { 'pool xmax': [moved] });
    }
    for (const b of ballots) Object.assign(b.keys, { 'pool xmax': b.keys.xmin });
    const pending = Number((await client.query('SELECT COUNT(*) AS n FROM pending_ballot')).rows[0].n);
    return { voters, ballots, txKeys: ['xmin', 'pool xmax'], pending };
  } finally {
    await client.end();
  }
}

async function readSqlite(config: TypeOrmDatabaseConfig, electionId: number) {
  if (config.dialect !== 'sqlite') throw new Error('not sqlite');
  const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (
    file: string,
    o: object,
  ) => {
    prepare(sql: string): { all(...p: unknown[]): Array<Record<string, unknown>> };
    close(): void;
  };
  const db = new Sqlite(config.path, { readonly: true });
  try {
    const voters = db
      .prepare('SELECT rowid AS rid, id, user_id, election_id, created_at FROM voter')
      .all()
      .filter((r) => r.election_id === electionId)
      .map((r) => ({ id: Number(r.id), userId: Number(r.user_id), createdAt: time(r.created_at), keys: { rowid: [Number(r.rid)] } }));
    const ballots = db
      .prepare('SELECT rowid AS rid, id, election_id, voter FROM ballot')
      .all()
      .filter((r) => r.election_id === electionId)
      .map((r) => ({ id: String(r.id), ballotId: String(r.voter), keys: { rowid: [Number(r.rid)] } }));
    const pending = Number(db.prepare('SELECT COUNT(*) AS n FROM pending_ballot').all()[0]!.n);
    return { voters, ballots, txKeys: [], pending };
  } finally {
    db.close();
  }
}

async function readMariadb(config: TypeOrmDatabaseConfig, electionId: number) {
  if (config.dialect !== 'mysql') throw new Error('not mariadb');
  const conn = await mysql.createConnection({
    host: config.host,
    port: config.port,
    user: config.username,
    password: config.password,
    database: config.database,
    dateStrings: true,
  });
  try {
    const [vrows] = await conn.query<mysql.RowDataPacket[]>('SELECT id, user_id, election_id, created_at FROM voter');
    const [brows] = await conn.query<mysql.RowDataPacket[]>('SELECT id, election_id, voter FROM ballot');
    const [[count]] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM pending_ballot');
    // The files: FOR EXPORT writes the tables' dirty pages to their .ibd files and holds them still.
    const [[datadir]] = await conn.query<mysql.RowDataPacket[]>('SELECT @@datadir AS dir');
    if (!datadir) throw new Error('SELECT @@datadir returned no row');
    const dir = datadir.dir as string;
    await conn.query('FLUSH TABLES voter, ballot FOR EXPORT');
    let voterFile: Buffer;
    let ballotFile: Buffer;
    try {
      voterFile = readFileSync(join(dir, config.database, 'voter.ibd'));
      ballotFile = readFileSync(join(dir, config.database, 'ballot.ibd'));
    } finally {
      await conn.query('UNLOCK TABLES');
    }
    const voterRecords = new Map(
      clusteredLeafRecords(voterFile, 4)
        .filter((r) => !r.deleted)
        .map((r) => [innoInt(r.pk), r]),
    );
    const ballotRecords = new Map(
      clusteredLeafRecords(ballotFile, 32)
        .filter((r) => !r.deleted)
        .map((r) => [r.pk.toString('latin1'), r]),
    );
    const fileKeys = (r: { trxId: number; page: number; heapNo: number } | undefined): Record<string, Key> =>
      r ? { DB_TRX_ID: [r.trxId], 'page, heap no': [r.page, r.heapNo] } : {};
    const voters = vrows
      .filter((r) => r.election_id === electionId)
      .map((r) => ({ id: r.id, userId: r.user_id, createdAt: time(r.created_at), keys: fileKeys(voterRecords.get(r.id)) }));
    const ballots = brows.filter((r) => r.election_id === electionId).map((r) => ({ id: r.id, ballotId: r.voter, keys: fileKeys(ballotRecords.get(r.id)) }));
    return { voters, ballots, txKeys: ['DB_TRX_ID'], pending: Number(count!.n) };
  } finally {
    await conn.end();
  }
}
