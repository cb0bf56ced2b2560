import { ContainerModule } from 'inversify';
import { CryptoRandom } from '../../adapters/system/crypto-random.js';
import { SystemClock } from '../../adapters/system/system-clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logger.js';
import { TOKENS } from '../tokens.js';
import { bindToken } from './binding.js';
import type { Lifecycle } from './lifecycle.js';

/** Configuration, logging, lifecycle, the clock and secure randomness. */
export function systemModule(config: AppConfig, logger: Logger, lifecycle: Lifecycle): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindToken(bind, TOKENS.Config).toConstantValue(config);
    bindToken(bind, TOKENS.Logger).toConstantValue(logger);
    bindToken(bind, TOKENS.Lifecycle).toConstantValue(lifecycle);
    bindToken(bind, TOKENS.Clock)
      .toResolvedValue(() => new SystemClock())
      .inSingletonScope();
    bindToken(bind, TOKENS.Random)
      .toResolvedValue(() => new CryptoRandom())
      .inSingletonScope();
  });
}
