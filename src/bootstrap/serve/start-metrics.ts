import { listenForScrapes } from '../../adapters/metrics/metrics-server.js';
import { PromMetrics } from '../../adapters/metrics/prom-metrics.js';
import { poolUseOf } from '../../adapters/persistence/typeorm/pool-use.js';
import type { Application } from '../open-application.js';
import { TOKENS } from '../tokens.js';
import { boundUrl } from './start-server.js';

export interface RunningMetrics {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The metrics listener, when METRICS_PORT is set (null otherwise). `listen` overrides the configured
 * address (tests ask for port 0).
 */
export async function startMetrics(app: Application, listen?: { host: string; port: number }): Promise<RunningMetrics | null> {
  const { host, port } = app.config.metrics;
  if (port === null) return null;
  const metrics = await app.get(TOKENS.Metrics);
  if (!(metrics instanceof PromMetrics)) return null;
  const dialect = app.config.database.dialect;
  if (dialect === 'postgres' || dialect === 'mysql') metrics.watchDatabasePool(poolUseOf((await app.get(TOKENS.TypeOrm)).dataSource));
  const at = listen ?? { host, port };
  const server = await listenForScrapes(metrics, at);
  return {
    url: `${boundUrl(server, at)}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
