import type { DataSource, QueryRunner } from 'typeorm';
import { DomainError } from '../../../domain/errors.js';
import type { Dialect } from './entities.js';
import { type WriteFailureKind, WriteHealth, type WriteHealthReport } from './write-health.js';

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
  private readonly writes = new WriteHealth();

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
      let runner = this.dataSource.createQueryRunner();
      try {
        runner = await this.leaveDeadTransaction(runner);
        return await work(this.sqlOn(runner));
      } catch (e) {
        throw this.failure(e, 'work', false);
      } finally {
        await runner.release();
      }
    });
  }

  /**
   * One unit of work, all or nothing. BEGIN, COMMIT and ROLLBACK are issued here rather than through
   * TypeORM's startTransaction/commitTransaction: when COMMIT throws (SQLITE_FULL) TypeORM keeps its
   * transaction depth at 1, so on SQLite's one shared connection every later BEGIN became
   * `SAVEPOINT typeorm_1` inside a transaction that never committed, and acknowledged writes were
   * lost at the next restart. Whatever fails, the connection is rolled back (or dropped) before the
   * next unit of work, and a failed commit is a WRITE_FAILED (503), never a silent success.
   */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.serialised(async () => {
      let runner = this.dataSource.createQueryRunner();
      let stage: Stage = 'begin';
      try {
        await runner.connect();
        runner = await this.leaveDeadTransaction(runner);
        await runner.query(this.dialect === 'sqlite' ? 'BEGIN' : 'START TRANSACTION');
        stage = 'work';
        const result = await work(this.sqlOn(runner));
        stage = 'commit';
        await runner.query('COMMIT');
        this.writes.committed();
        return result;
      } catch (e) {
        if (stage !== 'begin') await this.rollBack(runner);
        throw this.failure(e, stage, true);
      } finally {
        await runner.release();
      }
    });
  }

  /** For GET /ready. */
  writeHealth(): WriteHealthReport {
    return this.writes.report();
  }

  isUniqueViolation(e: unknown): boolean {
    const err = e as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } };
    const code = err?.driverError?.code ?? err?.code;
    const errno = err?.driverError?.errno ?? err?.errno;
    return code === '23505' || code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }

  /** A deadlock or lock-wait victim: the transaction was rolled back whole and may simply run again. */
  isTransientConflict(e: unknown): boolean {
    // The door reports a deadlock victim as WRITE_FAILED; its driver code is kept in the details.
    if (e instanceof DomainError) return e.details['kind'] === 'lock conflict';
    const err = e as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } };
    const code = err?.driverError?.code ?? err?.code;
    const errno = err?.driverError?.errno ?? err?.errno;
    return code === '40P01' || code === '40001' || code === 'ER_LOCK_DEADLOCK' || errno === 1213 || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1205;
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    if (this.dialect !== 'sqlite') return work();
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** better-sqlite3's own answer, not TypeORM's bookkeeping: is this connection inside a transaction? */
  private sqliteInTransaction(): boolean {
    const connection = (this.dataSource.driver as { databaseConnection?: { inTransaction?: boolean } }).databaseConnection;
    return connection?.inTransaction === true;
  }

  /**
   * SQLite's one connection must never carry a transaction from one unit of work into the next: one
   * still open here is rolled back, and if ROLLBACK does not end it the connection is closed (which
   * rolls back) and opened again. Rather than run inside a transaction, the work is refused.
   */
  private async leaveDeadTransaction(runner: QueryRunner): Promise<QueryRunner> {
    if (this.dialect !== 'sqlite' || !this.sqliteInTransaction()) return runner;
    await runner.query('ROLLBACK').catch(() => undefined);
    if (!this.sqliteInTransaction()) return runner;
    try {
      await this.dataSource.driver.disconnect();
      await this.dataSource.driver.connect();
    } catch {
      // Refused below.
    }
    if (this.sqliteInTransaction()) throw new DomainError('STORE_UNAVAILABLE', 'The database is unavailable right now; please try again in a moment.', { stage: 'begin' });
    // The driver's query runner (and its prepared statements) belonged to the closed connection.
    return this.dataSource.createQueryRunner();
  }

  /**
   * After a failure: ROLLBACK when the database still holds the transaction (SQLite rolls back by
   * itself after SQLITE_FULL or an I/O error; PostgreSQL after a failed COMMIT). A pooled connection
   * whose ROLLBACK fails is destroyed, so the pool never hands out a connection mid-transaction.
   */
  private async rollBack(runner: QueryRunner): Promise<void> {
    if (this.dialect === 'sqlite') {
      if (this.sqliteInTransaction()) await runner.query('ROLLBACK').catch(() => undefined);
      return;
    }
    try {
      await runner.query('ROLLBACK');
    } catch {
      const connection = (runner as { databaseConnection?: { destroy?: () => void; end?: () => unknown } }).databaseConnection;
      // mysql2: destroy() takes it out of the pool; pg: an ending client is not taken back by pg-pool.
      if (connection?.destroy) connection.destroy();
      else await Promise.resolve(connection?.end?.()).catch(() => undefined);
    }
  }

  /** What the adapters and the user see of a failure; a failed transaction counts against writes. */
  private failure(e: unknown, stage: Stage, writing: boolean): unknown {
    if (e instanceof DomainError || this.isUniqueViolation(e)) return e;
    const kind = failureKind(e, stage);
    if (!kind) return e;
    if (writing) this.writes.failed(kind);
    // For the log: the driver's code and words, never the error itself (it carries the statement's
    // parameters: sealed links, pending ballots).
    const details = { ...driverCode(e), stage, kind, reason: String((e as { message?: unknown })?.message ?? '').slice(0, 200) };
    if (kind === 'connection lost') {
      return new DomainError('STORE_UNAVAILABLE', 'The database is unavailable right now; please try again in a moment.', details);
    }
    return new DomainError('WRITE_FAILED', 'Nothing was saved: the database could not store it. Please try again in a moment.', details);
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

type Stage = 'begin' | 'work' | 'commit';

function driverCode(e: unknown): { code: string; errno: number | null } {
  const err = e as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } };
  const code = String(err?.driverError?.code ?? err?.code ?? '');
  const errno = Number(err?.driverError?.errno ?? err?.errno);
  return { code, errno: Number.isFinite(errno) ? errno : null };
}

/**
 * The failures that mean "not stored, the database could not do it now": a cut connection, a full
 * disk, an I/O error, a lock or statement timeout, a deadlock that outlived its retries, and anything
 * at all that fails the COMMIT. Other errors (bugs, bad SQL) stay what they are: a logged 500.
 */
function failureKind(e: unknown, stage: Stage): WriteFailureKind | null {
  const { code, errno } = driverCode(e);
  // node-postgres reports a connection cut mid-query (server restart) by message only, without a code;
  // TypeORM then releases the query runner itself, so the next query of that unit of work says so.
  const message = String((e as { message?: unknown })?.message ?? '');
  if (
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|PROTOCOL_CONNECTION_LOST|ER_CONNECTION_KILLED|57P01|57P02|57P03|08\w\w1?)$/.test(code) ||
    errno === 1927 ||
    /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Can't add new command when connection is in closed state)/.test(message) ||
    (e as { name?: unknown })?.name === 'QueryRunnerAlreadyReleasedError'
  ) {
    return 'connection lost';
  }
  if (/^SQLITE_FULL/.test(code) || code === '53100' || errno === 1021 || errno === 1114) return 'disk full';
  if (/^SQLITE_(IOERR|READONLY|CANTOPEN)/.test(code) || /^(53|58)[0-9A-Z]{3}$/.test(code)) return 'I/O error';
  if (['40P01', '40001', 'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT'].includes(code) || errno === 1213 || errno === 1205) return 'lock conflict';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code) || code === '55P03' || code === '57014') return 'lock timeout';
  return stage === 'commit' ? 'refused at commit' : null;
}
