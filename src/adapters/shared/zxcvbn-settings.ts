import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The estimator's settings, shared by the server adapter and the ballot page (which runs the same
 * library in the browser while the voter types), so both judge a passphrase alike.
 *
 * zxcvbn's cost grows steeply with length and with l33t-looking characters (a random 64-character
 * string took over a second with the defaults). Only the first `maxLength` characters are
 * estimated: more characters only add guesses, so a passphrase strong in its first 64 is strong.
 * Ten l33t substitutions still catch "p@ssw0rd1" and "h0us3k33p3r" (measured: same scores as 100).
 */
export const ZXCVBN_SETTINGS = { maxLength: 64, l33tMaxSubstitutions: 10 } as const;

const PACKAGES = ['@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'] as const;
const nameOf = (pkg: string): string => `${pkg.slice(1)}.js`;

/** Where the ballot page loads the browser builds from, in load order (core first). */
export const ZXCVBN_BROWSER_SCRIPTS: readonly string[] = PACKAGES.map((pkg) => `/static/vendor/${nameOf(pkg)}`);

/** The browser builds as files on disk, named as /static/vendor/ serves them. */
export function zxcvbnBrowserFiles(): Array<{ name: string; file: string }> {
  const require = createRequire(import.meta.url);
  return PACKAGES.map((pkg) => ({
    name: nameOf(pkg),
    file: join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'zxcvbn-ts.js'),
  }));
}
