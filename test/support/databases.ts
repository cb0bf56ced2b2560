import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { TypeOrmDatabaseConfig } from '../../src/adapters/persistence/typeorm/create-data-source.js';

export type DatabaseKind = 'sqlite' | 'postgres' | 'mariadb';
export const DATABASE_KINDS: readonly DatabaseKind[] = ['sqlite', 'postgres', 'mariadb'];

export interface ThrowawayDatabase {
  readonly kind: DatabaseKind;
  readonly config: TypeOrmDatabaseConfig;
  /** Runs raw SQL outside TypeORM (to build a database the way Elekto leaves it). */
  raw(statements: readonly string[], params?: readonly unknown[][]): Promise<void>;
  drop(): Promise<void>;
}

// The servers of this machine (and of CI: .ci/services.sh starts them).
const PG = { host: process.env.TEST_PG_HOST ?? '127.0.0.1', port: Number(process.env.TEST_PG_PORT ?? 5432), user: 'postgres', password: '' };
const MY = { host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1', port: Number(process.env.TEST_MYSQL_PORT ?? 3306), user: 'root', password: '' };

/** A fresh, empty database (`elekto_test_<random>`) on the given server, or a temp SQLite file. */
export async function createThrowawayDatabase(kind: DatabaseKind): Promise<ThrowawayDatabase> {
  const name = `elekto_test_${randomBytes(6).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'elekto-test-'));
    const path = join(dir, 'elekto.sqlite');
    return {
      kind,
      config: { dialect: 'sqlite', path },
      async raw(statements, params = []) {
        // better-sqlite3 ships no types; this is the one place tests use it directly.
        const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => {
          prepare(sql: string): { run(...params: unknown[]): unknown };
          close(): void;
        };
        const db = new Sqlite(path);
        try {
          statements.forEach((s, i) => db.prepare(s).run(...(params[i] ?? []).map((v) => (typeof v === 'boolean' ? Number(v) : v))));
        } finally {
          db.close();
        }
      },
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (kind === 'postgres') {
    await withPg('postgres', async (c) => {
      await c.query(`CREATE DATABASE ${name}`);
    });
    return {
      kind,
      config: { dialect: 'postgres', host: PG.host, port: PG.port, database: name, username: PG.user, password: PG.password, poolSize: 25 },
      raw: (statements, params = []) =>
        withPg(name, async (c) => {
          for (const [i, s] of statements.entries()) await c.query(s, params[i] ?? []);
        }),
      drop: () =>
        withPg('postgres', async (c) => {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }),
    };
  }
  await withMysql(undefined, async (c) => {
    await c.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  });
  return {
    kind,
    config: { dialect: 'mysql', host: MY.host, port: MY.port, database: name, username: MY.user, password: MY.password, poolSize: 25 },
    raw: (statements, params = []) =>
      withMysql(name, async (c) => {
        for (const [i, s] of statements.entries()) await c.query(s, params[i] ?? []);
      }),
    drop: () =>
      withMysql(undefined, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
      }),
  };
}

async function withPg<T>(database: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...PG, database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function withMysql<T>(database: string | undefined, work: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({ ...MY, ...(database ? { database } : {}) });
  try {
    return await work(conn);
  } finally {
    await conn.end();
  }
}
