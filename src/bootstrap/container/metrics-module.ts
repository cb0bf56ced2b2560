import { ContainerModule } from 'inversify';
import { noMetrics } from '../../adapters/shared/metrics.js';
import type { AppConfig } from '../config/app-config.js';
import { TOKENS as T } from '../tokens.js';
import { bindFactory } from './binding.js';

/** Prometheus series only when something will scrape them (METRICS_PORT); otherwise nothing is kept. */
export function metricsModule(config: AppConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindFactory(bind, T.Metrics, [], async () => {
      if (config.metrics.port === null) return noMetrics;
      const { PromMetrics } = await import('../../adapters/metrics/prom-metrics.js');
      return new PromMetrics();
    });
  });
}
