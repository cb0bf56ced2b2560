import { ContainerModule } from 'inversify';
import type { Metrics } from '../../adapters/metrics/metrics.js';
import type { AppConfig } from '../config/app-config.js';
import { TOKENS } from '../tokens.js';
import { bindToken } from './binding.js';
import type { Lifecycle } from './lifecycle.js';

/** Ballot-link sealing (libsodium): new links use the configured scheme, old ones their own. */
export function cryptoModule(config: AppConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindToken(bind, TOKENS.BallotSealer)
      .toResolvedValue(
        async (lifecycle: Lifecycle, metrics: Metrics) => {
          // libsodium loads, and the worker pool starts, only when something seals or opens a link.
          const [{ schemeFromConfig }, { SodiumBallotSealer }] = await Promise.all([
            import('../../adapters/crypto/seal-scheme.js'),
            import('../../adapters/crypto/sodium-ballot-sealer.js'),
          ]);
          const sealer = new SodiumBallotSealer({
            scheme: schemeFromConfig(config.sealing),
            size: config.sealing.workers,
            observer: { depth: (n) => metrics.kdfQueueDepth(n), waited: (ms) => metrics.kdfWaited(ms) },
          });
          lifecycle.onClose('ballot sealer workers', () => sealer.close());
          return sealer;
        },
        [TOKENS.Lifecycle, TOKENS.Metrics],
      )
      .inSingletonScope();
  });
}
