import { Container } from 'inversify';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logger.js';
import { PORT_TOKENS, type PortOverrides } from '../tokens.js';
import { cryptoModule } from './crypto-module.js';
import type { Lifecycle } from './lifecycle.js';
import { metaModule } from './meta-module.js';
import { metricsModule } from './metrics-module.js';
import { passphraseModule } from './passphrase-module.js';
import { persistenceModule } from './persistence-module.js';
import { systemModule } from './system-module.js';
import { httpModule } from './http-module.js';
import { identityModule } from './identity-module.js';
import { useCaseModule } from './use-case-module.js';
import { organizationsModule } from '../organizations/organizations-module.js';

/**
 * The one container: a module per adapter family, each choosing its adapters from the
 * configuration; then the caller's overrides replace whole ports (tests, embedders).
 */
export function buildContainer(config: AppConfig, logger: Logger, lifecycle: Lifecycle, overrides: PortOverrides = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    systemModule(config, logger, lifecycle),
    metricsModule(config),
    persistenceModule(config),
    metaModule(config),
    cryptoModule(config),
    passphraseModule(),
    useCaseModule(config),
    identityModule(config),
    httpModule(config),
    organizationsModule(config, () => container),
  );
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const token = PORT_TOKENS[name as keyof typeof PORT_TOKENS];
    if (!token) throw new Error(`Unknown port override "${name}"; known: ${Object.keys(PORT_TOKENS).join(', ')}`);
    container.rebind(token).toConstantValue(value);
  }
  return container;
}
