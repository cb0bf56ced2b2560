/**
 * The application, assembled from configuration: what `serve` and every CLI command that touches
 * the database or the meta repository start from.
 *
 *   const config = loadConfig({ purpose: 'tool' });
 *   const app = await openApplication(config);
 *   try {
 *     const ballots = await app.get(TOKENS.BallotBox);
 *     ...
 *   } finally {
 *     await app.close();
 *   }
 *
 * Adapters are created on first use (a command that only reads the meta repository never opens
 * the database) and closed by `close()` in reverse order.
 */
import type { Container } from 'inversify';
import type { AppConfig } from './config/app-config.js';
import { resolveToken } from './container/binding.js';
import { buildContainer } from './container/index.js';
import { Lifecycle } from './container/lifecycle.js';
import { createLogger, type Logger } from './logger.js';
import type { PortOverrides, Token } from './tokens.js';

export interface Application {
  readonly config: AppConfig;
  readonly logger: Logger;
  /** Resolves a port, use case or service by its token (see ./tokens.ts). */
  get<T>(token: Token<T>): Promise<T>;
  /** Releases database pools, workers and timers. Safe to call twice. */
  close(): Promise<void>;
  /** For bootstrap code and tests only; the rest of the code base never sees the container. */
  readonly container: Container;
}

export interface OpenApplicationOptions {
  /** Replace whole ports (in-memory adapters in tests, an embedder's own adapters). */
  overrides?: PortOverrides;
  /** Defaults to a pino logger built from `config.log`. */
  logger?: Logger;
}

export async function openApplication(config: AppConfig, options: OpenApplicationOptions = {}): Promise<Application> {
  const logger = options.logger ?? createLogger(config.log);
  const lifecycle = new Lifecycle();
  const container = buildContainer(config, logger, lifecycle, options.overrides);
  return {
    config,
    logger,
    container,
    get: <T>(token: Token<T>) => resolveToken(container, token),
    close: () => lifecycle.close(),
  };
}
