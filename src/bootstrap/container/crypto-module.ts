import { ContainerModule } from 'inversify';
import type { Metrics } from '../../adapters/shared/metrics.js';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logger.js';
import { TOKENS } from '../tokens.js';
import { bindToken } from './binding.js';
import type { Lifecycle } from './lifecycle.js';

/**
 * Ballot-link sealing (libsodium): new links use the configured scheme, old ones their own. APP_KEY
 * peppers new links (a database copy alone cannot test passphrase guesses), except under
 * SEAL_SCHEME=elekto, whose links Elekto must be able to open.
 */
export function cryptoModule(config: AppConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindToken(bind, TOKENS.BulletinHasher)
      .toResolvedValue(async () => new (await import('../../adapters/crypto/jcs-sha256-bulletin-hasher.js')).JcsSha256BulletinHasher())
      .inSingletonScope();
    bindToken(bind, TOKENS.BallotSealer)
      .toResolvedValue(
        async (lifecycle: Lifecycle, logger: Logger, metrics: Metrics) => {
          // libsodium loads, and the worker pool starts, only when something seals or opens a link.
          const [{ schemeFromConfig }, { SodiumBallotSealer }] = await Promise.all([
            import('../../adapters/shared/seal-scheme.js'),
            import('../../adapters/crypto/sodium-ballot-sealer.js'),
          ]);
          const sealer = new SodiumBallotSealer({
            scheme: schemeFromConfig(config.sealing),
            serverSecret: config.app.key,
            size: config.sealing.workers,
            logger,
            observer: { depth: (n) => metrics.kdfQueueDepth(n), waited: (ms) => metrics.kdfWaited(ms) },
          });
          lifecycle.onClose('ballot sealer workers', () => sealer.close());
          return sealer;
        },
        [TOKENS.Lifecycle, TOKENS.Logger, TOKENS.Metrics],
      )
      .inSingletonScope();
  });
}
