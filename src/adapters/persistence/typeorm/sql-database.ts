import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { serialiser } from '../../../application/serialiser.js';
import { DomainError } from '../../../domain/errors.js';
import { classifyDatabaseError, driverCode, messageOf } from './database-errors.js';
import type { Dialect } from './entities.js';
import { type WriteFailureKind, WriteHealth, type WriteHealthReport } from './write-health.js';

/** A unit of work's connection, as the adapters see it. */
export interface Unit {
  /** TypeORM's EntityManager on this unit of work's connection: repositories and query builders. */
  readonly manager: EntityManager;
}

/**
 * The adapters' one door to the database: it lends each unit of work a connection and TypeORM's
 * EntityManager on it (queries, placeholders, quoting and dialects are TypeORM's), runs transactions,
 * and turns driver failures into what the user and GET /ready are told. better-sqlite3 has one
 * connection, so on SQLite every unit of work runs strictly one after another: a write must never
 * land inside another's transaction.
 */
export class SqlDatabase {
  readonly dialect: Dialect;
  private readonly writes = new WriteHealth();
  /** SQLite's one connection takes one unit of work at a time; the servers' pools need no queue. */
  private readonly oneAtATime = serialiser();

  constructor(readonly dataSource: DataSource) {
    const type = dataSource.options.type;
    this.dialect = type === 'postgres' ? 'postgres' : type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  run<T>(work: (unit: Unit) => Promise<T>): Promise<T> {
    return this.serialised(async () => {
      let runner = this.dataSource.createQueryRunner();
      try {
        runner = await this.leaveDeadTransaction(runner);
        return await work(this.unitOn(runner));
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
  transaction<T>(work: (unit: Unit) => Promise<T>): Promise<T> {
    return this.serialised(async () => {
      let runner = this.dataSource.createQueryRunner();
      let stage: Stage = 'begin';
      try {
        await runner.connect();
        runner = await this.leaveDeadTransaction(runner);
        await runner.query(this.dialect === 'sqlite' ? 'BEGIN' : 'START TRANSACTION');
        stage = 'work';
        const result = await work(this.unitOn(runner));
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

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    return this.dialect === 'sqlite' ? this.oneAtATime(work) : work();
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
    if (this.sqliteInTransaction())
      throw new DomainError('STORE_UNAVAILABLE', 'The database is unavailable right now; please try again in a moment.', { stage: 'begin' });
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
    if (e instanceof DomainError) return e;
    const classified = classifyDatabaseError(e);
    if (classified === 'unique violation') return e;
    // Anything at all that fails the COMMIT means "not stored"; other errors (bugs, bad SQL) stay a logged 500.
    const kind: WriteFailureKind | null =
      classified === null || classified === 'missing table' ? (stage === 'commit' ? 'refused at commit' : null) : classified;
    if (!kind) return e;
    if (writing) this.writes.failed(kind);
    // For the log: the driver's code and words, never the error itself (it carries the statement's
    // parameters: sealed links, pending ballots).
    const details = { ...driverCode(e), stage, kind, reason: messageOf(e).slice(0, 200) };
    if (kind === 'connection lost') {
      return new DomainError('STORE_UNAVAILABLE', 'The database is unavailable right now; please try again in a moment.', details);
    }
    return new DomainError('WRITE_FAILED', 'Nothing was saved: the database could not store it. Please try again in a moment.', details);
  }

  private unitOn(runner: QueryRunner): Unit {
    return { manager: runner.manager };
  }
}

type Stage = 'begin' | 'work' | 'commit';
