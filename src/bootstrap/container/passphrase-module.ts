import { ContainerModule } from 'inversify';
import { ZxcvbnPassphraseStrength } from '../../adapters/passphrase/zxcvbn-passphrase-strength.js';
import { TOKENS } from '../tokens.js';
import { bindToken } from './binding.js';

/** The strength estimator for new ballot passphrases (its dictionaries load on first use). */
export function passphraseModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindToken(bind, TOKENS.PassphraseStrength)
      .toResolvedValue(() => new ZxcvbnPassphraseStrength())
      .inSingletonScope();
  });
}
