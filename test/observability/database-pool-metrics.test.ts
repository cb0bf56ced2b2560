import { openTypeOrmPersistence, type TypeOrmPersistence } from '../../src/adapters/persistence/typeorm/index.js';
import { poolUseOf } from '../../src/adapters/persistence/typeorm/pool-use.js';
import { PromMetrics } from '../../src/adapters/metrics/prom-metrics.js';
import { createThrowawayDatabase, DATABASE_KINDS, type ThrowawayDatabase } from '../support/databases.js';

const SLEEP = { postgres: 'SELECT pg_sleep(0.3)', mariadb: 'SELECT SLEEP(0.3)', sqlite: 'SELECT 1' } as const;

describe.each(DATABASE_KINDS)('database pool use on %s, read at scrape time', (kind) => {
  let database: ThrowawayDatabase;
  let p: TypeOrmPersistence;

  beforeAll(async () => {
    database = await createThrowawayDatabase(kind);
    p = await openTypeOrmPersistence(database.config, { migrate: true, ballotPool: { appKey: 'k'.repeat(64) } });
  }, 60_000);
  afterAll(async () => {
    if (p?.dataSource.isInitialized) await p.close();
    await database?.drop();
  });

  it(kind === 'sqlite' ? 'has no pool, so no pool series' : 'shows the connections held while queries run, and the pool size', async () => {
    const metrics = new PromMetrics();
    metrics.watchDatabasePool(poolUseOf(p.dataSource));
    const queries = Promise.all([1, 2, 3].map(() => p.dataSource.query(SLEEP[kind])));
    await new Promise((r) => setTimeout(r, 100));
    const during = (await metrics.scrape()).body;
    await queries;
    if (kind === 'sqlite') {
      expect(during).not.toMatch(/^elekto_db_pool_connections\{/m);
      return;
    }
    const open = Number(/^elekto_db_pool_connections\{state="open"\} (\d+)/m.exec(during)?.[1]);
    const idle = Number(/^elekto_db_pool_connections\{state="idle"\} (\d+)/m.exec(during)?.[1]);
    expect(open).toBeGreaterThanOrEqual(3);
    expect(open - idle).toBeGreaterThanOrEqual(3);
    expect(during).toMatch(/^elekto_db_pool_connections\{state="waiting"\} 0$/m);
    expect(during).toMatch(/^elekto_db_pool_connections\{state="max"\} 25$/m);
    const after = poolUseOf(p.dataSource)()!;
    expect(after.open - after.idle).toBe(0);
  });
});
