/**
 * A sealing scheme names the key-derivation parameters of one voter link, stored beside it
 * (`voter.link_scheme`), so links sealed under different parameters keep opening. NULL in the
 * database means Elekto's parameters: rows written by Elekto itself never fill the column.
 * A `;pepper=<key id>` suffix marks a link whose key also mixes in a secret derived from APP_KEY
 * (../crypto/server-pepper.ts); links without it open from the passphrase alone, as Elekto's do.
 */
export type KdfAlgorithm = 'argon2i13' | 'argon2id13';

export interface SealScheme {
  readonly algorithm: KdfAlgorithm;
  readonly opsLimit: number;
  readonly memLimitBytes: number;
  /** Key id of the server pepper mixed into the key; absent for links that need only the passphrase. */
  readonly pepperId?: string;
}

/** PyNaCl `argon2i.kdf` defaults (SENSITIVE), spec §7.5: 8 passes over 512 MiB. */
export const ELEKTO_SCHEME: SealScheme = { algorithm: 'argon2i13', opsLimit: 8, memLimitBytes: 536_870_912 };

/** Our default for new links: memory-hard, ~8x less memory and several times faster than Elekto's. */
export const DEFAULT_SCHEME: SealScheme = { algorithm: 'argon2id13', opsLimit: 3, memLimitBytes: 64 * 1024 * 1024 };

// Bounds for values read back from the database: a tampered row must not make us allocate gigabytes.
const MAX_MEM = 1024 * 1024 * 1024;
const MAX_OPS = 64;

export function formatScheme(s: SealScheme): string {
  return `${s.algorithm};ops=${s.opsLimit};mem=${s.memLimitBytes}${s.pepperId ? `;pepper=${s.pepperId}` : ''}`;
}

export const ELEKTO_SCHEME_NAME = formatScheme(ELEKTO_SCHEME);

/** Parses a stored scheme name; `null` (Elekto rows) gives Elekto's scheme. Throws on anything else. */
export function parseScheme(name: string | null): SealScheme {
  if (name === null || name === '' || name === 'elekto') return ELEKTO_SCHEME;
  const m = /^(argon2i13|argon2id13);ops=(\d{1,3});mem=(\d{1,12})(?:;pepper=([0-9a-f]{8}))?$/.exec(name);
  if (!m) throw new Error(`Unknown sealing scheme "${name}"`);
  const scheme: SealScheme = { algorithm: m[1] as KdfAlgorithm, opsLimit: Number(m[2]), memLimitBytes: Number(m[3]), ...(m[4] ? { pepperId: m[4] } : {}) };
  checkScheme(scheme);
  return scheme;
}

/** The key id a stored scheme name needs, or null when the link opens from the passphrase alone. */
export function pepperIdOf(name: string | null): string | null {
  return /;pepper=([0-9a-f]{8})$/.exec(name ?? '')?.[1] ?? null;
}

export function checkScheme(s: SealScheme): void {
  // libsodium's own minimums: Argon2i needs at least 3 passes, Argon2id at least 1; 8 KiB of memory.
  const minOps = s.algorithm === 'argon2i13' ? 3 : 1;
  if (!Number.isInteger(s.opsLimit) || s.opsLimit < minOps || s.opsLimit > MAX_OPS) {
    throw new Error(`Sealing scheme: opsLimit must be an integer from ${minOps} to ${MAX_OPS} for ${s.algorithm}`);
  }
  if (!Number.isInteger(s.memLimitBytes) || s.memLimitBytes < 8192 || s.memLimitBytes > MAX_MEM || s.memLimitBytes % 1024 !== 0) {
    throw new Error('Sealing scheme: memory must be a whole number of KiB from 8 KiB to 1 GiB');
  }
}

/** From the operator's configuration (`sealing.scheme`, `opsLimit`, `memoryMiB`). */
export function schemeFromConfig(c: { scheme: 'argon2id' | 'elekto'; opsLimit?: number; memoryMiB?: number }): SealScheme {
  if (c.scheme === 'elekto') return ELEKTO_SCHEME;
  const scheme: SealScheme = {
    algorithm: 'argon2id13',
    opsLimit: c.opsLimit ?? DEFAULT_SCHEME.opsLimit,
    memLimitBytes: (c.memoryMiB ?? DEFAULT_SCHEME.memLimitBytes / 1048576) * 1048576,
  };
  checkScheme(scheme);
  return scheme;
}
