import { FixedPassphraseStrength } from '../../../src/adapters/passphrase/fixed-passphrase-strength.js';
import { ZxcvbnPassphraseStrength } from '../../../src/adapters/passphrase/zxcvbn-passphrase-strength.js';
import type { PassphraseStrength } from '../../../src/application/ports/passphrase-strength.js';
import { MIN_GUESSES_LOG10 } from '../../../src/application/voting/passphrase-policy.js';
import { OTHER_STRONG_PASSPHRASE, STRONG_PASSPHRASE } from '../../support/passphrases.js';

const GUESSABLE = ['octocat-voter', 'octocat', 'voter', 'steering committee election 2025', 'steering', 'committee', 'election', '2025'];

describe('ZxcvbnPassphraseStrength', () => {
  const strength = new ZxcvbnPassphraseStrength();
  const strong = async (p: string) => (await strength.estimate(p, GUESSABLE)).guessesLog10 >= MIN_GUESSES_LOG10;

  it.each([['123456'], ['aaaaaa'], ['      '], ['password1'], ['hunter2'], ['secret-pass'], ['p@ssw0rd1'], ['qwertyuiop'], ['19871987']])(
    'finds %j guessable and says why',
    async (weak) => {
      const e = await strength.estimate(weak, GUESSABLE);
      expect(e.guessesLog10).toBeLessThan(MIN_GUESSES_LOG10);
      expect(e.warning).toEqual(expect.any(String));
    },
  );

  it.each([['octocat-voter'], ['Octocat-Voter!'], ['octocat2025'], ['Election 2025'], ['steering2025']])(
    'counts the login and the election name as guessed (%j)',
    async (personal) => {
      expect(await strong(personal)).toBe(false);
    },
  );

  it.each([[STRONG_PASSPHRASE], [OTHER_STRONG_PASSPHRASE], ['Correct-Horse-Battery-Staple'], ['dS8!kq#2Lz']])('accepts %j', async (good) => {
    expect(await strong(good)).toBe(true);
  });

  it('estimates only the first 64 characters of long hostile input (the cost grows steeply with length)', async () => {
    for (const hostile of ['4@8(<{[3=6|!1][7+5$0()9%2'.repeat(400), '1234567890'.repeat(1000), 'x'.repeat(60_000)]) {
      expect(await strength.estimate(hostile, GUESSABLE)).toEqual(await strength.estimate(hostile.slice(0, 64), GUESSABLE));
    }
  });
});

describe('FixedPassphraseStrength (the stand-in for use-case tests)', () => {
  const fixed: PassphraseStrength = new FixedPassphraseStrength(['123456']);
  it('refuses its listed weak passphrases and any containing a guessable word, accepts the rest', async () => {
    expect((await fixed.estimate('123456', [])).guessesLog10).toBeLessThan(MIN_GUESSES_LOG10);
    expect((await fixed.estimate('I am Alice!', ['alice'])).guessesLog10).toBeLessThan(MIN_GUESSES_LOG10);
    expect((await fixed.estimate('anything else', ['alice'])).guessesLog10).toBeGreaterThanOrEqual(MIN_GUESSES_LOG10);
  });
});
