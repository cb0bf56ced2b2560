import type { DataSource } from 'typeorm';
import type { PoolUse } from '../../shared/metrics.js';

interface PgPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options?: { readonly max?: number };
}

interface Mysql2Pool {
  readonly _allConnections?: { readonly length: number };
  readonly _freeConnections?: { readonly length: number };
  readonly _connectionQueue?: { readonly length: number };
  readonly config?: { readonly connectionLimit?: number };
}

/**
 * How full the data source's connection pool is, read when asked (a scrape). pg's pool has public
 * counters; mysql2 keeps its queues in underscored fields, read defensively: a driver that
 * changes them makes this null (the gauges vanish), never a failed scrape. SQLite has no pool.
 */
export function poolUseOf(dataSource: DataSource): () => PoolUse | null {
  return () => {
    const driver = dataSource.driver as unknown as { master?: PgPool; pool?: Mysql2Pool };
    const pg = driver.master;
    if (pg && typeof pg.totalCount === 'number') {
      return { max: pg.options?.max ?? 0, open: pg.totalCount, idle: pg.idleCount, waiting: pg.waitingCount };
    }
    const my = driver.pool;
    if (my?._allConnections && my._freeConnections && my._connectionQueue) {
      return { max: my.config?.connectionLimit ?? 0, open: my._allConnections.length, idle: my._freeConnections.length, waiting: my._connectionQueue.length };
    }
    return null;
  };
}
