import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { PassphraseEstimate, PassphraseStrength } from '../../application/ports/passphrase-strength.js';
import { ZXCVBN_SETTINGS } from '../shared/zxcvbn-settings.js';

let shared: Promise<ZxcvbnFactory> | null = null;

/**
 * The dictionaries (common passwords, English words, names, Wikipedia) take a few hundred
 * milliseconds to load and rank: once per process, on first use, shared by every instance.
 */
function estimator(): Promise<ZxcvbnFactory> {
  shared ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      ...ZXCVBN_SETTINGS,
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  })();
  return shared;
}

/** zxcvbn-ts with its common and English dictionaries; `guessable` words are its user inputs. */
export class ZxcvbnPassphraseStrength implements PassphraseStrength {
  async estimate(passphrase: string, guessable: readonly string[]): Promise<PassphraseEstimate> {
    const result = (await estimator()).check(passphrase, [...guessable]);
    return {
      guessesLog10: result.guessesLog10,
      warning: result.feedback.warning || null,
      suggestions: result.feedback.suggestions,
    };
  }

  /** Loads the dictionaries now (at start-up) rather than during the first vote. */
  async warmUp(): Promise<void> {
    await estimator();
  }
}
