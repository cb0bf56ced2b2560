import type { DataSource, QueryRunner } from 'typeorm';
import { DomainError } from '../../../domain/errors.js';
import type { Dialect } from './entities.js';

export interface Sql {
  /** A SELECT (or RETURNING) with `?` placeholders; rows as plain objects. */
  rows<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** A write; how many rows it touched. */
  exec(sql: string, params?: readonly unknown[]): Promise<number>;
  /** An INSERT into a table with an integer `id`; the new id. */
  insertId(sql: string, params?: readonly unknown[]): Promise<number>;
}

/**
 * The adapters' one door to the database: `?` placeholders on every dialect, identifier quoting,
 * transactions, and the unique-violation test. better-sqlite3 has one connection, so on SQLite every
 * unit of work runs strictly one after another: a write must never land inside another's transaction.
 */
export class SqlDatabase {
  readonly dialect: Dialect;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {
    const type = dataSource.options.type;
    this.dialect = type === 'postgres' ? 'postgres' : type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  /** Quotes an identifier (`user`, `key` and `rank` are reserved somewhere). */
  q(name: string): string {
    return this.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
  }

  run<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.serialised(async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return await work(this.sqlOn(runner));
      } finally {
        await runner.release();
      }
    });
  }

  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.serialised(async () => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        const result = await work(this.sqlOn(runner));
        await runner.commitTransaction();
        return result;
      } catch (e) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw e;
      } finally {
        await runner.release();
      }
    });
  }

  isUniqueViolation(e: unknown): boolean {
    const err = e as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } };
    const code = err?.driverError?.code ?? err?.code;
    const errno = err?.driverError?.errno ?? err?.errno;
    return code === '23505' || code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }

  /** A deadlock or lock-wait victim: the transaction was rolled back whole and may simply run again. */
  isTransientConflict(e: unknown): boolean {
    const err = e as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } };
    const code = err?.driverError?.code ?? err?.code;
    const errno = err?.driverError?.errno ?? err?.errno;
    return code === '40P01' || code === '40001' || code === 'ER_LOCK_DEADLOCK' || errno === 1213 || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1205;
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    if (this.dialect !== 'sqlite') return work().catch(unavailable);
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next.catch(unavailable);
  }

  private sqlOn(runner: QueryRunner): Sql {
    const text = (sql: string) => (this.dialect === 'postgres' ? numbered(sql) : sql);
    return {
      rows: async (sql, params = []) => {
        const r = await runner.query(text(sql), [...params], true);
        return (r.records ?? []) as never[];
      },
      exec: async (sql, params = []) => {
        const r = await runner.query(text(sql), [...params], true);
        return r.affected ?? 0;
      },
      insertId: async (sql, params = []) => {
        if (this.dialect === 'postgres') {
          const r = await runner.query(text(`${sql} RETURNING id`), [...params], true);
          return Number(r.records[0].id);
        }
        const r = await runner.query(text(sql), [...params], true);
        return Number(this.dialect === 'mysql' ? r.raw.insertId : r.raw);
      },
    };
  }
}

function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/** Connection trouble becomes STORE_UNAVAILABLE (a clear 503), never a stack trace for the user. */
function unavailable(e: unknown): never {
  const code = String((e as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ?? (e as { code?: unknown })?.code ?? '');
  // node-postgres reports a connection cut mid-query (server restart) by message only, without a code;
  // TypeORM then releases the query runner itself, so the next query of that unit of work says so.
  const message = String((e as { message?: unknown })?.message ?? '');
  if (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|PROTOCOL_CONNECTION_LOST|57P01|57P02|57P03|08\w\w1?)$/.test(code) ||
    /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/.test(message) ||
    (e as { name?: unknown })?.name === 'QueryRunnerAlreadyReleasedError'
  ) {
    throw new DomainError('STORE_UNAVAILABLE', 'The database is unavailable right now; please try again in a moment.', { code });
  }
  throw e;
}
